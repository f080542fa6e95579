package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart bucket of the synthesized production stack; names follow checkov / AWS FSBP controls. */
class ChartBucketSecurityTest {
    private static final String BUCKET = "aws_s3_bucket";
    private static final String POLICY_DOCUMENT = "chart-bucket-policy/document";
    private static final List<String> CLOUDFRONT = List.of("Service:cloudfront.amazonaws.com");
    private static final List<String> ANYONE = List.of("*:*");

    @TempDir
    static Path dir;
    private static StackJson stack;
    private static String bucketArn;
    private static String distributionArn;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.productionStack(dir);
        bucketArn = stack.ref(BUCKET, "chart-bucket/bucket", "arn");
        distributionArn = stack.ref("aws_cloudfront_distribution", "cdn/distribution", "arn");
    }

    @Test
    void bucketHasTheConfiguredName() {
        assertEquals("kube9-charts-production", stack.resource(BUCKET, "chart-bucket/bucket").path("bucket").asText());
        assertFalse(stack.resource(BUCKET, "chart-bucket/bucket").path("force_destroy").asBoolean(false));
    }

    @Test
    void CKV_AWS_53_to_56_allFourPublicAccessBlockFlags() {
        JsonNode block = stack.resource("aws_s3_bucket_public_access_block", "chart-bucket/public-access-block");
        assertEquals(stack.ref(BUCKET, "chart-bucket/bucket", "id"), block.path("bucket").asText());
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertEquals(true, block.path(flag).asBoolean(false), flag);
        }
    }

    @Test
    void CKV2_AWS_65_aclsDisabledByBucketOwnerEnforced() {
        JsonNode ownership = stack.resource("aws_s3_bucket_ownership_controls", "chart-bucket/ownership");
        assertEquals(stack.ref(BUCKET, "chart-bucket/bucket", "id"), ownership.path("bucket").asText());
        assertEquals("BucketOwnerEnforced", ownership.path("rule").path("object_ownership").asText());
    }

    @Test
    void CKV_AWS_19_chartBucketIsEncrypted() {
        JsonNode encryption = stack.resource("aws_s3_bucket_server_side_encryption_configuration", "chart-bucket/encryption");
        assertEquals(stack.ref(BUCKET, "chart-bucket/bucket", "id"), encryption.path("bucket").asText());
        assertEquals("AES256", encryption.path("rule").get(0).path("apply_server_side_encryption_by_default").path("sse_algorithm").asText());
    }

    @Test
    void CKV_AWS_21_versioningEnabledForRecovery() {
        JsonNode versioning = stack.resource("aws_s3_bucket_versioning", "chart-bucket/versioning");
        assertEquals(stack.ref(BUCKET, "chart-bucket/bucket", "id"), versioning.path("bucket").asText());
        assertEquals("Enabled", versioning.path("versioning_configuration").path("status").asText());
    }

    @Test
    void CKV2_AWS_61_and_CKV_AWS_300_lifecycleExpiresNoncurrentVersionsAndAbortsUploads() {
        JsonNode lifecycle = stack.resource("aws_s3_bucket_lifecycle_configuration", "chart-bucket/lifecycle");
        assertEquals(stack.ref(BUCKET, "chart-bucket/bucket", "id"), lifecycle.path("bucket").asText());
        assertEquals(1, lifecycle.path("rule").size());
        JsonNode rule = lifecycle.path("rule").get(0);
        assertEquals("Enabled", rule.path("status").asText());
        assertEquals("", rule.path("filter").path("prefix").asText("missing"), "applies to every object");
        assertEquals(90, rule.path("noncurrent_version_expiration").path("noncurrent_days").asInt());
        assertEquals(7, rule.path("abort_incomplete_multipart_upload").path("days_after_initiation").asInt());
    }

    @Test
    void policyIsAttachedToTheChartBucket() {
        JsonNode policy = stack.resource("aws_s3_bucket_policy", "chart-bucket-policy/policy");
        assertEquals(stack.ref(BUCKET, "chart-bucket/bucket", "id"), policy.path("bucket").asText());
        assertEquals(stack.dataRef("aws_iam_policy_document", POLICY_DOCUMENT, "json"), policy.path("policy").asText());
    }

    @Test
    void S3_5_deniesRequestsWithoutTls() {
        JsonNode deny = stack.statement(POLICY_DOCUMENT, "DenyInsecureTransport");
        assertEquals("Deny", deny.path("effect").asText());
        assertEquals(ANYONE, principals(deny));
        assertEquals(List.of("s3:*"), strings(deny.path("actions")));
        assertEquals(List.of(bucketArn, bucketArn + "/*"), strings(deny.path("resources")));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))), conditions(deny));
    }

    @Test
    void CKV2_AWS_46_onlyThisDistributionReadsThroughOac() {
        JsonNode read = stack.statement(POLICY_DOCUMENT, "AllowCloudFrontReadThroughOac");
        assertEquals("Allow", read.path("effect").asText());
        assertEquals(CLOUDFRONT, principals(read));
        assertEquals(List.of("s3:GetObject"), strings(read.path("actions")));
        assertEquals(List.of(bucketArn + "/*"), strings(read.path("resources")));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", List.of(distributionArn))), conditions(read));
    }

    @Test
    void missingChartIs404BecauseCloudFrontMayListTheBucket() {
        JsonNode list = stack.statement(POLICY_DOCUMENT, "AllowCloudFrontListSoMissingIs404");
        assertEquals("Allow", list.path("effect").asText());
        assertEquals(CLOUDFRONT, principals(list));
        assertEquals(List.of("s3:ListBucket"), strings(list.path("actions")));
        assertEquals(List.of(bucketArn), strings(list.path("resources")));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", List.of(distributionArn))), conditions(list));
    }

    @Test
    void chartPackagesAreWriteOnceUnlessIfNoneMatchIsSent() {
        JsonNode deny = stack.statement(POLICY_DOCUMENT, "DenyOverwritingChartPackages");
        assertEquals("Deny", deny.path("effect").asText());
        assertEquals(ANYONE, principals(deny));
        assertEquals(List.of("s3:PutObject"), strings(deny.path("actions")));
        assertEquals(List.of(bucketArn + "/*.tgz", bucketArn + "/*.prov"), strings(deny.path("resources")));
        assertEquals(Map.of("Null", Map.of("s3:if-none-match", List.of("true"))), conditions(deny));
    }

    @Test
    void CKV_AWS_70_policyAllowsNobodyButThisDistribution() {
        List<String> allowed = new ArrayList<>();
        for (JsonNode statement : stack.data("aws_iam_policy_document", POLICY_DOCUMENT).path("statement")) {
            if ("Allow".equals(statement.path("effect").asText())) {
                allowed.add(statement.path("sid").asText());
                assertEquals(CLOUDFRONT, principals(statement), statement.toString());
                assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", List.of(distributionArn))), conditions(statement),
                        statement.toString());
            }
        }
        assertEquals(List.of("AllowCloudFrontReadThroughOac", "AllowCloudFrontListSoMissingIs404"), allowed);
    }
}
