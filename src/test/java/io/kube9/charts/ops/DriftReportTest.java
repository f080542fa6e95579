package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftReportTest {
    private static final ValueFormat FORMAT = new ValueFormat(40);

    private static DriftReport report(String json) {
        TerraformPlan plan = PlanJsonReader.read(
                new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)), "test.json");
        return DriftReport.of(plan, FORMAT);
    }

    private static String drift(String change) {
        return "{'format_version':'1.2','terraform_version':'1.11.4','resource_drift':[{'address':'aws_s3_object.index',"
                + "'mode':'managed','type':'aws_s3_object','change':" + change + "}]}";
    }

    @Test
    void onlyChangedAttributesAreListedWithNestedPaths() {
        DriftReport report = report(drift("{'actions':['update'],"
                + "'before':{'key':'index.yaml','etag':'a1','tags':{'env':'prod','kubernetes.io/name':'x'},"
                + "'rule':[{'days':30,'id':'r'}]},"
                + "'after':{'key':'index.yaml','etag':'b2','tags':{'env':'prod','kubernetes.io/name':'y'},"
                + "'rule':[{'days':7,'id':'r'}]}}"));

        assertEquals(List.of(
                new AttributeChange("etag", "\"a1\"", "\"b2\""),
                new AttributeChange("tags[\"kubernetes.io/name\"]", "\"x\"", "\"y\""),
                new AttributeChange("rule[0].days", "30", "7")),
                report.drifted().get(0).attributes());
        assertEquals("update", report.drifted().get(0).action());
    }

    @Test
    void sensitiveValuesAreMaskedAndSensitiveSubtreesAreNotOpened() {
        DriftReport report = report(drift("{'actions':['update'],"
                + "'before':{'password':'hunter2','secrets':{'a':'1'},'plain':'p'},"
                + "'after':{'password':'letmein','secrets':{'a':'2','b':'3'},'plain':'p'},"
                + "'before_sensitive':{'password':true,'secrets':true},"
                + "'after_sensitive':{'password':true,'secrets':true}}"));

        List<AttributeChange> attributes = report.drifted().get(0).attributes();
        assertEquals(List.of(
                new AttributeChange("password", AttributeDiff.SENSITIVE, AttributeDiff.SENSITIVE),
                new AttributeChange("secrets", AttributeDiff.SENSITIVE, AttributeDiff.SENSITIVE)), attributes);
        String markdown = DriftReportMarkdown.render(report);
        assertFalse(markdown.contains("hunter2") || markdown.contains("letmein") || markdown.contains("\"b\""), markdown);
    }

    @Test
    void longValuesAreShortenedWithTheNumberOfCharactersLeftOut() {
        String policy = "x".repeat(100);
        DriftReport report = report(drift("{'actions':['update'],'before':{'policy':'" + policy + "'},'after':{'policy':'y'}}"));

        AttributeChange change = report.drifted().get(0).attributes().get(0);
        assertEquals("\"" + "x".repeat(39) + "… (62 more characters)", change.before());
    }

    @Test
    void plannedChangesAreSeparateUnknownValuesNamedAndNoOpsLeftOut() {
        DriftReport report = report("{'format_version':'1.2','resource_changes':["
                + "{'address':'aws_s3_object.a','change':{'actions':['no-op'],'before':{'k':1},'after':{'k':1}}},"
                + "{'address':'data.aws_iam_policy_document.p','change':{'actions':['read']}},"
                + "{'address':'aws_s3_object.b','change':{'actions':['delete','create'],"
                + "'before':{'etag':'1','version_id':'v1'},'after':{'etag':'2'},'after_unknown':{'version_id':true}}}]}");

        assertTrue(report.drifted().isEmpty());
        assertEquals(1, report.planned().size());
        DriftReport.ResourceReport replaced = report.planned().get(0);
        assertEquals("replace", replaced.action());
        assertEquals(List.of(new AttributeChange("etag", "\"1\"", "\"2\""),
                new AttributeChange("version_id", "\"v1\"", AttributeDiff.UNKNOWN)), replaced.attributes());
        assertEquals("No drift outside Terraform; 1 planned change.", report.verdict());
    }

    @Test
    void verdictCountsDriftAndChangesAndCleanPlansSayNoDrift() {
        assertEquals("Drift detected: 1 resource changed outside Terraform; no planned changes.",
                report(drift("{'actions':['update'],'before':{'a':1},'after':{'a':2}}")).verdict());
        DriftReport clean = report("{'format_version':'1.2','resource_drift':[],'resource_changes':[]}");
        assertFalse(clean.hasFindings());
        assertTrue(DriftReportMarkdown.render(clean).contains("No resource changed outside Terraform."));
    }

    @Test
    void nullVersusEmptyIsProviderNormalisationAndNotReportedAsDrift() {
        DriftReport report = report(drift("{'actions':['update'],'before':{'metadata':null,'tags':{}},"
                + "'after':{'metadata':{},'tags':null}}"));

        assertFalse(report.hasFindings());
        assertEquals(1, report.normalisationOnly());
        assertTrue(DriftReportMarkdown.render(report).contains("Not listed: 1 resource(s)"));
    }

    @Test
    void createdAndDeletedResourcesAreListedWithoutAttributeRows() {
        DriftReport report = report("{'format_version':'1.2','resource_drift':[{'address':'aws_s3_object.gone',"
                + "'change':{'actions':['delete'],'before':{'key':'a'},'after':null}}],"
                + "'resource_changes':[{'address':'aws_s3_object.new','change':{'actions':['create'],'after':{'key':'b'}}}]}");

        assertEquals(new DriftReport.ResourceReport("aws_s3_object.gone", "delete", List.of()), report.drifted().get(0));
        assertEquals(new DriftReport.ResourceReport("aws_s3_object.new", "create", List.of()), report.planned().get(0));
        assertEquals("Drift detected: 1 resource changed outside Terraform; 1 planned change.", report.verdict());
    }

    @Test
    void markdownCellsEscapePipesAndBackticks() {
        assertEquals("`a\\|b`", DriftReportMarkdown.code("a|b"));
        assertEquals("`` x`y ``", DriftReportMarkdown.code("x`y"));
    }
}
