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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart bucket and its replica (the same construct in the second region) of the synthesized production stack;
 * names follow checkov / AWS FSBP controls.
 */
class ChartBucketSecurityTest {
    private static final String BUCKET = "aws_s3_bucket";
    private static final List<String> CLOUDFRONT = List.of("Service:cloudfront.amazonaws.com");
    private static final List<String> ANYONE = List.of("*:*");

    /** Each bucket: its construct, its policy's construct, its name and the provider its resources are created with. */
    enum Bucket {
        CHART("chart-bucket", "chart-bucket-policy", "kube9-charts-production", null),
        REPLICA("replica-bucket", "replica-bucket-policy", "kube9-charts-production-replica", "aws.replica");

        final String construct;
        final String policy;
        final String name;
        final String provider;

        Bucket(String construct, String policy, String name, String provider) {
            this.construct = construct;
            this.policy = policy;
            this.name = name;
            this.provider = provider;
        }

        String path(String resource) {
            return construct + "/" + resource;
        }

        String document() {
            return policy + "/document";
        }

        String arn() {
            return stack.ref(BUCKET, path("bucket"), "arn");
        }

        String id() {
            return stack.ref(BUCKET, path("bucket"), "id");
        }
    }

    @TempDir
    static Path dir;
    private static StackJson stack;
    private static String distributionArn;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.productionStack(dir);
        distributionArn = stack.ref("aws_cloudfront_distribution", "cdn/distribution", "arn");
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void bucketHasTheConfiguredName(Bucket bucket) {
        assertEquals(bucket.name, stack.resource(BUCKET, bucket.path("bucket")).path("bucket").asText());
        assertFalse(stack.resource(BUCKET, bucket.path("bucket")).path("force_destroy").asBoolean(false));
    }

    /** The replica's every resource is created in the replica's region, the chart bucket's in the default one. */
    @ParameterizedTest
    @EnumSource(Bucket.class)
    void everyResourceOfTheBucketIsInItsRegion(Bucket bucket) {
        List<String> checked = new ArrayList<>();
        stack.root().path("resource").fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(block -> {
            String path = block.getValue().path("//").path("metadata").path("path").asText();
            if (path.contains("/" + bucket.construct + "/") || path.contains("/" + bucket.policy + "/")) {
                checked.add(type.getKey());
                assertEquals(bucket.provider, block.getValue().path("provider").textValue(), path);
            }
        }));
        assertEquals(List.of("aws_s3_bucket", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_ownership_controls",
                "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration",
                "aws_s3_bucket_versioning"), checked.stream().sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV_AWS_53_to_56_allFourPublicAccessBlockFlags(Bucket bucket) {
        JsonNode block = stack.resource("aws_s3_bucket_public_access_block", bucket.path("public-access-block"));
        assertEquals(bucket.id(), block.path("bucket").asText());
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertEquals(true, block.path(flag).asBoolean(false), flag);
        }
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV2_AWS_65_aclsDisabledByBucketOwnerEnforced(Bucket bucket) {
        JsonNode ownership = stack.resource("aws_s3_bucket_ownership_controls", bucket.path("ownership"));
        assertEquals(bucket.id(), ownership.path("bucket").asText());
        assertEquals("BucketOwnerEnforced", ownership.path("rule").path("object_ownership").asText());
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV_AWS_19_bucketIsEncrypted(Bucket bucket) {
        JsonNode encryption = stack.resource("aws_s3_bucket_server_side_encryption_configuration", bucket.path("encryption"));
        assertEquals(bucket.id(), encryption.path("bucket").asText());
        assertEquals("AES256", encryption.path("rule").get(0).path("apply_server_side_encryption_by_default").path("sse_algorithm").asText());
    }

    /** Also what S3 replication needs on both buckets. */
    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV_AWS_21_versioningEnabledForRecovery(Bucket bucket) {
        JsonNode versioning = stack.resource("aws_s3_bucket_versioning", bucket.path("versioning"));
        assertEquals(bucket.id(), versioning.path("bucket").asText());
        assertEquals("Enabled", versioning.path("versioning_configuration").path("status").asText());
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV2_AWS_61_and_CKV_AWS_300_lifecycleExpiresNoncurrentVersionsAndAbortsUploads(Bucket bucket) {
        JsonNode lifecycle = stack.resource("aws_s3_bucket_lifecycle_configuration", bucket.path("lifecycle"));
        assertEquals(bucket.id(), lifecycle.path("bucket").asText());
        assertEquals(1, lifecycle.path("rule").size());
        JsonNode rule = lifecycle.path("rule").get(0);
        assertEquals("Enabled", rule.path("status").asText());
        assertEquals("", rule.path("filter").path("prefix").asText("missing"), "applies to every object");
        assertEquals(90, rule.path("noncurrent_version_expiration").path("noncurrent_days").asInt());
        assertEquals(7, rule.path("abort_incomplete_multipart_upload").path("days_after_initiation").asInt());
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void policyIsAttachedToTheBucket(Bucket bucket) {
        JsonNode policy = stack.resource("aws_s3_bucket_policy", bucket.policy + "/policy");
        assertEquals(bucket.id(), policy.path("bucket").asText());
        assertEquals(stack.dataRef("aws_iam_policy_document", bucket.document(), "json"), policy.path("policy").asText());
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void S3_5_deniesRequestsWithoutTls(Bucket bucket) {
        JsonNode deny = stack.statement(bucket.document(), "DenyInsecureTransport");
        assertEquals("Deny", deny.path("effect").asText());
        assertEquals(ANYONE, principals(deny));
        assertEquals(List.of("s3:*"), strings(deny.path("actions")));
        assertEquals(List.of(bucket.arn(), bucket.arn() + "/*"), strings(deny.path("resources")));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))), conditions(deny));
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV2_AWS_46_onlyThisDistributionReadsThroughOac(Bucket bucket) {
        JsonNode read = stack.statement(bucket.document(), "AllowCloudFrontReadThroughOac");
        assertEquals("Allow", read.path("effect").asText());
        assertEquals(CLOUDFRONT, principals(read));
        assertEquals(List.of("s3:GetObject"), strings(read.path("actions")));
        assertEquals(List.of(bucket.arn() + "/*"), strings(read.path("resources")));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", List.of(distributionArn))), conditions(read));
    }

    /** On the replica too, so a failover answers a missing object with 404 as the primary does. */
    @ParameterizedTest
    @EnumSource(Bucket.class)
    void missingChartIs404BecauseCloudFrontMayListTheBucket(Bucket bucket) {
        JsonNode list = stack.statement(bucket.document(), "AllowCloudFrontListSoMissingIs404");
        assertEquals("Allow", list.path("effect").asText());
        assertEquals(CLOUDFRONT, principals(list));
        assertEquals(List.of("s3:ListBucket"), strings(list.path("actions")));
        assertEquals(List.of(bucket.arn()), strings(list.path("resources")));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", List.of(distributionArn))), conditions(list));
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void chartPackagesAreWriteOnceUnlessIfNoneMatchIsSent(Bucket bucket) {
        JsonNode deny = stack.statement(bucket.document(), "DenyOverwritingChartPackages");
        assertEquals("Deny", deny.path("effect").asText());
        assertEquals(ANYONE, principals(deny));
        assertEquals(List.of("s3:PutObject"), strings(deny.path("actions")));
        assertEquals(List.of(bucket.arn() + "/*.tgz", bucket.arn() + "/*.prov"), strings(deny.path("resources")));
        assertEquals(Map.of("Null", Map.of("s3:if-none-match", List.of("true"))), conditions(deny));
    }

    @ParameterizedTest
    @EnumSource(Bucket.class)
    void CKV_AWS_70_policyAllowsNobodyButThisDistribution(Bucket bucket) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode statement : stack.data("aws_iam_policy_document", bucket.document()).path("statement")) {
            if ("Allow".equals(statement.path("effect").asText())) {
                allowed.add(statement.path("sid").asText());
                assertEquals(CLOUDFRONT, principals(statement), statement.toString());
                assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", List.of(distributionArn))), conditions(statement),
                        statement.toString());
            }
        }
        assertEquals(List.of("AllowCloudFrontReadThroughOac", "AllowCloudFrontListSoMissingIs404"), allowed);
    }

    @Test
    void replicaIsInTheConfiguredSecondRegion() {
        List<JsonNode> replicaProviders = new ArrayList<>();
        stack.root().path("provider").path("aws").forEach(provider -> {
            if ("replica".equals(provider.path("alias").asText())) {
                replicaProviders.add(provider);
            }
        });
        assertEquals(1, replicaProviders.size());
        assertEquals("us-west-2", replicaProviders.get(0).path("region").asText());
        assertEquals(stack.root().path("provider").path("aws").get(0).path("default_tags"), replicaProviders.get(0).path("default_tags"));
    }
}
