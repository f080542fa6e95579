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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking over charts.kube9.io from the legacy distribution, on the synthesized JSON of each stage: which names
 * the distribution claims, which records exist, which take over existing ones, and the TXT record CloudFront's
 * AssociateAlias checks. The plans of the same configurations run in SynthesizedStacksPlanWithMockProviderTest.
 */
class CutoverStagesTest {
    static final String LEGACY = "d2legacy0example.cloudfront.net";
    static final String STAGING = "charts-next.kube9.io";
    /** The parallel stage with both optional names set. */
    static final String PARALLEL_WITH_STAGING = """
            cutover:
              stage: parallel
              stagingDomain: %s
              legacyDistributionDomain: %s
            """.formatted(STAGING, LEGACY);
    static final String LIVE_WITH_STAGING = PARALLEL_WITH_STAGING.replace("stage: parallel", "stage: live");
    private static final String DISTRIBUTION = "aws_cloudfront_distribution";
    private static final String RECORD = "aws_route53_record";
    private static final String VALIDATION_RECORD = "certificate/validation-record";

    @TempDir
    static Path dir;
    /** The built-in production defaults: stage parallel, neither optional name. */
    private static StackJson parallel;
    private static StackJson parallelWithStaging;
    private static StackJson live;
    /** No cutover section: a name nobody serves yet. */
    private static StackJson owned;

    @BeforeAll
    static void synthesize() {
        parallel = Synthesized.productionStack(dir);
        parallelWithStaging = Synthesized.chartHostingStack(dir, PARALLEL_WITH_STAGING);
        live = Synthesized.chartHostingStack(dir, LIVE_WITH_STAGING);
        owned = Synthesized.chartHostingStack(dir, "cutover: null\n");
    }

    private static List<String> aliases(StackJson stack) {
        return strings(stack.resource(DISTRIBUTION, "cdn/distribution").path("aliases"));
    }

    /** Construct paths (below the stack) of the records that may overwrite an existing record set. */
    private static Set<String> overwritingRecords(StackJson stack) {
        Set<String> paths = new TreeSet<>();
        for (JsonNode record : stack.resources(RECORD)) {
            if (record.path("allow_overwrite").asBoolean(false)) {
                String path = record.path("//").path("metadata").path("path").asText();
                paths.add(path.substring(path.indexOf('/') + 1));
            }
        }
        return paths;
    }

    private static List<String> recordNames(StackJson stack) {
        List<String> names = new ArrayList<>();
        stack.resources(RECORD).forEach(record -> names.add(record.path("name").asText()));
        return names;
    }

    @Test
    void parallel_distributionDoesNotClaimTheLiveName() {
        assertEquals(List.of(), aliases(parallel), "CNAMEAlreadyExists otherwise: the legacy distribution holds it");
        assertEquals(List.of(STAGING), aliases(parallelWithStaging));
    }

    @Test
    void parallel_noRecordForTheLiveName() {
        assertFalse(recordNames(parallel).contains("charts.kube9.io"), "Route53 refuses a record set that exists");
        assertFalse(recordNames(parallelWithStaging).contains("charts.kube9.io"));
    }

    @Test
    void stagingNameHasItsOwnAliasRecordsInBothStages() {
        for (StackJson stack : List.of(parallelWithStaging, live)) {
            for (String type : List.of("A", "AAAA")) {
                JsonNode record = stack.resource(RECORD, "staging-domain/alias-" + type.toLowerCase());
                assertEquals(STAGING, record.path("name").asText());
                assertEquals(type, record.path("type").asText());
                assertEquals(stack.ref(DISTRIBUTION, "cdn/distribution", "domain_name"), record.path("alias").path("name").asText());
                assertEquals(stack.ref(DISTRIBUTION, "cdn/distribution", "hosted_zone_id"),
                        record.path("alias").path("zone_id").asText());
            }
        }
    }

    @Test
    void live_distributionHoldsTheLiveNameAndKeepsTheStagingName() {
        assertEquals(List.of("charts.kube9.io", STAGING), aliases(live));
        assertEquals(List.of("charts.kube9.io"), aliases(owned));
    }

    @Test
    void live_aAndAaaaOfTheLiveNamePointAtOurDistribution() {
        for (String type : List.of("A", "AAAA")) {
            JsonNode record = live.resource(RECORD, "domain/alias-" + type.toLowerCase());
            assertEquals("charts.kube9.io", record.path("name").asText());
            assertEquals(type, record.path("type").asText());
            assertEquals(live.ref(DISTRIBUTION, "cdn/distribution", "domain_name"), record.path("alias").path("name").asText());
        }
    }

    /** The ACM validation record always may (a re-requested certificate validates with the same record). */
    @Test
    void allowOverwriteOnExactlyTheLiveRecordsInStageLive() {
        assertEquals(Set.of("domain/alias-a", "domain/alias-aaaa", VALIDATION_RECORD), overwritingRecords(live),
                "live takes over the record set the legacy stack created");
        assertEquals(Set.of(VALIDATION_RECORD), overwritingRecords(parallel));
        assertEquals(Set.of(VALIDATION_RECORD), overwritingRecords(parallelWithStaging));
        assertEquals(Set.of(VALIDATION_RECORD), overwritingRecords(owned), "a new name: an existing record is an error");
    }

    @Test
    void txtRecordLetsAssociateAliasMoveTheNameToUsAndBack() {
        for (StackJson stack : List.of(parallelWithStaging, live)) {
            JsonNode txt = stack.resource(RECORD, "alias-move/txt");
            assertEquals("_charts.kube9.io", txt.path("name").asText());
            assertEquals("TXT", txt.path("type").asText());
            assertEquals(List.of(stack.ref(DISTRIBUTION, "cdn/distribution", "domain_name"), LEGACY), strings(txt.path("records")));
            assertEquals("${data.aws_route53_zone.hosted-zone.zone_id}", txt.path("zone_id").asText());
            assertTrue(txt.path("allow_overwrite").isMissingNode());
        }
        assertEquals(List.of(parallel.ref(DISTRIBUTION, "cdn/distribution", "domain_name")),
                strings(parallel.resource(RECORD, "alias-move/txt").path("records")), "without a legacy name: ours only");
        assertFalse(recordNames(owned).contains("_charts.kube9.io"), "nothing to move when the name is ours from the start");
    }

    /** Going back from live to parallel (after a rollback) must not delete the name's DNS records. */
    @Test
    void parallel_recordsLeftFromAStageLiveAreForgottenNotDeleted() {
        List<String> liveRecords = List.of(live.address(RECORD, "domain/alias-a"), live.address(RECORD, "domain/alias-aaaa"));
        for (StackJson stack : List.of(parallel, parallelWithStaging)) {
            List<String> forgotten = new ArrayList<>();
            for (JsonNode removed : stack.root().path("removed")) {
                forgotten.add(removed.path("from").asText());
                assertFalse(removed.path("lifecycle").path("destroy").asBoolean(true), removed.toString());
            }
            assertEquals(liveRecords, forgotten);
        }
        assertTrue(live.root().path("removed").isMissingNode());
        assertTrue(owned.root().path("removed").isMissingNode());
    }

    @Test
    void parallel_appliesLeaveTheAliasesAsTheCutoverMovedThem() {
        for (StackJson stack : List.of(parallel, parallelWithStaging)) {
            assertEquals(List.of("aliases"), strings(stack.resource(DISTRIBUTION, "cdn/distribution")
                    .path("lifecycle").path("ignore_changes")));
        }
        for (StackJson stack : List.of(live, owned)) {
            assertTrue(stack.resource(DISTRIBUTION, "cdn/distribution").path("lifecycle").isMissingNode(),
                    "once live, Terraform owns the aliases again");
        }
    }

    /** AssociateAlias moves a name only to a distribution whose certificate covers it, so it is attached in every stage. */
    @Test
    void CloudFront_15_CKV_AWS_174_CloudFront_8_certificateSniAndTls12_2021InEveryStage() {
        for (StackJson stack : List.of(parallel, parallelWithStaging, live, owned)) {
            JsonNode certificate = stack.resource(DISTRIBUTION, "cdn/distribution").path("viewer_certificate");
            assertEquals(stack.ref("aws_acm_certificate_validation", "certificate/validation", "certificate_arn"),
                    certificate.path("acm_certificate_arn").asText());
            assertEquals("sni-only", certificate.path("ssl_support_method").asText());
            assertEquals("TLSv1.2_2021", certificate.path("minimum_protocol_version").asText());
            assertTrue(certificate.path("cloudfront_default_certificate").isMissingNode());
        }
    }

    @Test
    void deployRoleMayChangeTheStagingNamesRecords() {
        String records = "route53:ChangeResourceRecordSetsNormalizedRecordNames";
        Map<String, List<String>> withStaging = conditions(bootstrap(PARALLEL_WITH_STAGING)
                .statement("ci/deploy-permissions-policy", "ManageRepositoryRecords")).get("ForAllValues:StringLike");
        assertEquals(List.of("charts.kube9.io", "_*.charts.kube9.io", "_*.kube9.io", STAGING), withStaging.get(records));
    }

    private static StackJson bootstrap(String overlay) {
        return StackJson.read(Synthesized.all(dir, Synthesized.config(dir, overlay)).stackFile(BootstrapStack.STACK_NAME));
    }
}
