package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role of repository-stats.yml, on the synthesized production stack; resources matched as IAM matches them. */
class StatisticsAccessTest {
    private static final String POLICY = "statistics/access/permissions-policy";
    /** Chart bucket keys the stats role must never write. */
    private static final List<String> PROTECTED_KEYS = List.of("kube9-operator-1.0.0.tgz", "kube9-operator-1.0.0.tgz.prov",
            "kube9-operator-1.0.0+build.7.tgz", "charts/kube9-operator-1.0.0.tgz", "charts/x.prov", "index.yaml", "lifecycle.json");

    @TempDir
    static Path dir;
    private static StackJson production;
    private static List<JsonNode> statements;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        statements = new ArrayList<>();
        production.data("aws_iam_policy_document", POLICY).path("statement").forEach(statements::add);
    }

    private static String chartBucket() {
        return production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn");
    }

    /** IAM resource matching: '*' any run of characters, '?' one character, everything else literal. */
    private static boolean matches(String pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }

    private static List<String> allowedResources(String action) {
        List<String> resources = new ArrayList<>();
        statements.stream()
                .filter(s -> s.path("effect").asText().equals("Allow") && strings(s.path("actions")).contains(action))
                .forEach(s -> resources.addAll(strings(s.path("resources"))));
        return resources;
    }

    @Test
    void CKV_AWS_358_trustPinsAudienceThisRepositorysMainAndTheStatsWorkflow() {
        WorkflowTrust.assertOnly(production, "statistics/access/trust-policy", "StatsWorkflowOnMain",
                "repo:alto9/kube9-charts:ref:refs/heads/main",
                "alto9/kube9-charts/.github/workflows/repository-stats.yml@refs/heads/main");
    }

    @Test
    void cannotWritePackagesProvenanceTheIndexOrTheLedger() {
        List<String> writable = new ArrayList<>(allowedResources("s3:PutObject"));
        writable.addAll(allowedResources("s3:*"));
        for (String key : PROTECTED_KEYS) {
            String arn = chartBucket() + "/" + key;
            writable.forEach(pattern -> assertFalse(matches(pattern, arn), pattern + " allows writing " + key));
        }
        JsonNode never = production.statement(POLICY, "NeverWritePackagesIndexOrLedger");
        assertEquals("Deny", never.path("effect").asText());
        assertEquals(List.of("s3:PutObject", "s3:DeleteObject"), strings(never.path("actions")));
        for (String key : PROTECTED_KEYS) {
            String arn = chartBucket() + "/" + key;
            assertTrue(strings(never.path("resources")).stream().anyMatch(pattern -> matches(pattern, arn)), key + " is denied");
        }
        for (String key : List.of("stats.json", "index.html", "charts/kube9-operator.html", "charts/kube9-operator/index.html")) {
            String arn = chartBucket() + "/" + key;
            assertFalse(strings(never.path("resources")).stream().anyMatch(pattern -> matches(pattern, arn)), key + " is writable");
        }
    }

    @Test
    void writesStatsJsonAndThePagesReadsTheIndexAndLedgerAndInvalidates() {
        String chart = chartBucket() + "/";
        assertEquals(List.of(chart + "stats.json", chart + "stats/daily/*", chart + "index.html", chart + "charts/*/index.html"),
                strings(production.statement(POLICY, "ReadWriteStatsAndPages").path("resources")));
        JsonNode read = production.statement(POLICY, "ReadIndexAndLedger");
        assertEquals(List.of("s3:GetObject"), strings(read.path("actions")));
        assertEquals(List.of(chart + "index.yaml", chart + "lifecycle.json"), strings(read.path("resources")));
        assertEquals(List.of(production.ref("aws_cloudfront_distribution", "cdn/distribution", "arn")),
                strings(production.statement(POLICY, "InvalidateChartCdn").path("resources")));
        assertEquals(List.of(chartBucket()), strings(production.statement(POLICY, "ListChartBucket").path("resources")));
    }

    @Test
    void readsOnlyTheDistributionsLogsAndWritesNothingInTheLogBucket() {
        String logs = production.ref("aws_s3_bucket", "statistics/request-logs/bucket", "arn");
        String prefix = "AWSLogs/" + production.dataRef("aws_caller_identity", "statistics/account", "account_id") + "/CloudFront/"
                + production.ref("aws_cloudfront_distribution", "cdn/distribution", "id") + "/";
        JsonNode read = production.statement(POLICY, "ReadRequestLogs");
        assertEquals(List.of("s3:GetObject"), strings(read.path("actions")));
        assertEquals(List.of(logs + "/" + prefix + "*"), strings(read.path("resources")));
        JsonNode list = production.statement(POLICY, "ListRequestLogs");
        assertEquals(List.of(logs), strings(list.path("resources")));
        assertEquals(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "*"))), conditions(list));
        assertFalse(allowedResources("s3:PutObject").stream().anyMatch(pattern -> pattern.startsWith(logs)),
                "nothing in the log bucket is written by the role");
        assertFalse(allowedResources("s3:PutObject").stream().anyMatch(pattern -> matches(pattern, logs + "/" + prefix + "2026/12/06/00/x.parquet")),
                "request logs are read-only to the role");
    }

    @Test
    void queriesOnlyInItsWorkgroupOverItsTableWithResultsInItsBucket() {
        JsonNode run = production.statement(POLICY, "RunQueriesInTheStatisticsWorkgroup");
        assertEquals(List.of("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
                "athena:StopQueryExecution", "athena:GetWorkGroup"), strings(run.path("actions")));
        assertEquals(List.of(production.ref("aws_athena_workgroup", "statistics/queries/workgroup", "arn")), strings(run.path("resources")));
        JsonNode glue = production.statement(POLICY, "ReadRequestLogTable");
        assertEquals(List.of("glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"), strings(glue.path("actions")));
        assertEquals(List.of("arn:aws:glue:us-east-1:" + production.dataRef("aws_caller_identity", "statistics/account", "account_id")
                        + ":catalog", production.ref("aws_glue_catalog_database", "statistics/log-table/database", "arn"),
                production.ref("aws_glue_catalog_table", "statistics/log-table/table", "arn")), strings(glue.path("resources")));
        String results = production.ref("aws_s3_bucket", "statistics/queries/results-bucket", "arn");
        assertEquals(List.of(results + "/*"), strings(production.statement(POLICY, "ReadWriteQueryResults").path("resources")));
        assertEquals(List.of(results), strings(production.statement(POLICY, "ListQueryResults").path("resources")));
    }

    /** CKV_AWS_355/356 and CKV_AWS_63: no wildcard action, no unscoped resource. */
    @Test
    void CKV_AWS_355_CKV_AWS_356_noWildcardActionsOrResources() {
        assertEquals(12, statements.size(), "the statements the role has, one fewer since the daily cache is in the chart bucket");
        for (JsonNode statement : statements) {
            strings(statement.path("actions")).forEach(action -> assertFalse(action.contains("*"), action));
            strings(statement.path("resources")).forEach(resource -> assertFalse(resource.equals("*"), statement.path("sid").asText()));
        }
    }

    @Test
    void roleCarriesTheBoundaryAndIsNamedForTheDeployRolesScope() {
        JsonNode role = production.resource("aws_iam_role", "statistics/access/role");
        assertEquals("kube9-charts-production-stats", role.path("name").asText());
        assertEquals(3600, role.path("max_session_duration").asInt());
        assertTrue(role.path("permissions_boundary").asText().endsWith(":policy/kube9-bootstrap/kube9-charts-permissions-boundary"));
    }
}
