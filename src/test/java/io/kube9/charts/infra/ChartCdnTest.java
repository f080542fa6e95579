package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CloudFront side of the synthesized production stack and its access-log bucket. */
class ChartCdnTest {
    private static final String DISTRIBUTION = "aws_cloudfront_distribution";
    private static final String CACHE_POLICY = "aws_cloudfront_cache_policy";
    private static final List<String> MUTABLE_FILES = List.of("index.yaml", "index.html", "artifacthub-repo.yml");

    @TempDir
    static Path dir;
    private static StackJson stack;
    private static JsonNode distribution;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.productionStack(dir);
        distribution = stack.resource(DISTRIBUTION, "cdn/distribution");
    }

    private static List<JsonNode> allBehaviours() {
        List<JsonNode> behaviours = new ArrayList<>();
        behaviours.add(distribution.path("default_cache_behavior"));
        distribution.path("ordered_cache_behavior").forEach(behaviours::add);
        return behaviours;
    }

    @Test
    void CKV2_AWS_46_CloudFront_13_originReadsTheBucketThroughOacWithSigV4Always() {
        JsonNode oac = stack.resource("aws_cloudfront_origin_access_control", "cdn/origin-access-control");
        assertEquals("s3", oac.path("origin_access_control_origin_type").asText());
        assertEquals("always", oac.path("signing_behavior").asText());
        assertEquals("sigv4", oac.path("signing_protocol").asText());

        JsonNode origin = distribution.path("origin").get(0);
        assertEquals(1, distribution.path("origin").size());
        assertEquals(stack.ref("aws_cloudfront_origin_access_control", "cdn/origin-access-control", "id"),
                origin.path("origin_access_control_id").asText());
        assertEquals(stack.ref("aws_s3_bucket", "chart-bucket/bucket", "bucket_regional_domain_name"), origin.path("domain_name").asText());
        assertTrue(origin.path("s3_origin_config").isMissingNode(), "no legacy origin access identity");
    }

    @Test
    void CKV2_AWS_42_CloudFront_7_servesTheRepositoryNameWithItsCertificate() {
        assertEquals(List.of("charts.kube9.io"), strings(distribution.path("aliases")));
        assertEquals(stack.ref("aws_acm_certificate_validation", "certificate/validation", "certificate_arn"),
                distribution.path("viewer_certificate").path("acm_certificate_arn").asText());
    }

    @Test
    void CloudFront_15_CKV_AWS_174_minimumTls12_2021() {
        assertEquals("TLSv1.2_2021", distribution.path("viewer_certificate").path("minimum_protocol_version").asText());
    }

    @Test
    void CloudFront_8_sniOnly() {
        assertEquals("sni-only", distribution.path("viewer_certificate").path("ssl_support_method").asText());
    }

    @Test
    void CKV_AWS_34_everyBehaviourRedirectsToHttps() {
        allBehaviours().forEach(b -> assertEquals("redirect-to-https", b.path("viewer_protocol_policy").asText(), b.toString()));
    }

    @Test
    void everyBehaviourIsReadOnlyGetHeadOptions() {
        for (JsonNode behaviour : allBehaviours()) {
            assertEquals(List.of("GET", "HEAD", "OPTIONS"), strings(behaviour.path("allowed_methods")));
            assertEquals(List.of("GET", "HEAD"), strings(behaviour.path("cached_methods")));
        }
    }

    @Test
    void everyBehaviourCompresses() {
        allBehaviours().forEach(b -> assertTrue(b.path("compress").asBoolean(), b.toString()));
    }

    @Test
    void noAuthenticationForChartConsumers() {
        for (JsonNode behaviour : allBehaviours()) {
            assertTrue(behaviour.path("trusted_key_groups").isMissingNode(), "no signed URLs");
            assertTrue(behaviour.path("trusted_signers").isMissingNode(), "no signed URLs");
            assertTrue(behaviour.path("function_association").isMissingNode() && behaviour.path("lambda_function_association")
                    .isMissingNode(), "no edge code in front of the charts");
        }
        assertEquals("none", distribution.path("restrictions").path("geo_restriction").path("restriction_type").asText());
    }

    @Test
    void http2and3() {
        assertEquals("http2and3", distribution.path("http_version").asText());
    }

    @Test
    void ipv6Enabled() {
        assertTrue(distribution.path("is_ipv6_enabled").asBoolean());
    }

    @Test
    void CKV_AWS_216_enabled() {
        assertTrue(distribution.path("enabled").asBoolean());
    }

    @Test
    void CloudFront_1_CKV_AWS_305_defaultRootObjectIsTheLandingPage() {
        assertEquals("index.html", distribution.path("default_root_object").asText());
    }

    @Test
    void priceClassFromConfiguration() {
        assertEquals("PriceClass_100", distribution.path("price_class").asText());
    }

    @Test
    void chartPackagesHonourTheOneYearImmutableCacheControl() {
        JsonNode defaultBehaviour = distribution.path("default_cache_behavior");
        assertEquals(stack.ref(CACHE_POLICY, "cdn/chart-cache-policy", "id"), defaultBehaviour.path("cache_policy_id").asText());
        JsonNode policy = stack.resource(CACHE_POLICY, "cdn/chart-cache-policy");
        assertEquals(0, policy.path("min_ttl").asLong(), "origin Cache-Control decides");
        assertEquals(31_536_000, policy.path("max_ttl").asLong());
        assertEquals(86_400, policy.path("default_ttl").asLong());
    }

    @Test
    void indexYamlEdgeTtlIsCappedAtFiveMinutesWhateverItsHeaders() {
        JsonNode index = null;
        for (JsonNode behaviour : distribution.path("ordered_cache_behavior")) {
            if ("index.yaml".equals(behaviour.path("path_pattern").asText())) {
                index = behaviour;
            }
        }
        assertTrue(index != null, "an index.yaml behaviour");
        assertEquals(stack.ref(CACHE_POLICY, "cdn/index-cache-policy", "id"), index.path("cache_policy_id").asText());
        JsonNode policy = stack.resource(CACHE_POLICY, "cdn/index-cache-policy");
        assertEquals(300, policy.path("max_ttl").asLong());
        assertTrue(policy.path("default_ttl").asLong() <= 300 && policy.path("min_ttl").asLong() == 0, policy.toString());
    }

    @Test
    void filesRewrittenOnEveryPublishShareTheCappedPolicy() {
        List<String> patterns = new ArrayList<>();
        for (JsonNode behaviour : distribution.path("ordered_cache_behavior")) {
            patterns.add(behaviour.path("path_pattern").asText());
            assertEquals(stack.ref(CACHE_POLICY, "cdn/index-cache-policy", "id"), behaviour.path("cache_policy_id").asText());
        }
        assertEquals(MUTABLE_FILES, patterns);
    }

    @Test
    void cachePoliciesKeyOnNothingButThePathAndEncoding() {
        for (JsonNode policy : stack.resources(CACHE_POLICY)) {
            JsonNode parameters = policy.path("parameters_in_cache_key_and_forwarded_to_origin");
            assertEquals("none", parameters.path("cookies_config").path("cookie_behavior").asText());
            assertEquals("none", parameters.path("headers_config").path("header_behavior").asText());
            assertEquals("none", parameters.path("query_strings_config").path("query_string_behavior").asText());
            assertTrue(parameters.path("enable_accept_encoding_gzip").asBoolean());
            assertTrue(parameters.path("enable_accept_encoding_brotli").asBoolean());
        }
    }

    @Test
    void CKV2_AWS_32_everyBehaviourUsesTheResponseHeadersPolicyResource() {
        String policy = stack.ref("aws_cloudfront_response_headers_policy", "cdn/security-headers", "id");
        allBehaviours().forEach(b -> assertEquals(policy, b.path("response_headers_policy_id").asText(), b.toString()));
    }

    @Test
    void CKV_AWS_259_hstsOneYearOrMoreWithSubdomainsAndPreload() {
        JsonNode hsts = securityHeaders().path("strict_transport_security");
        assertTrue(hsts.path("access_control_max_age_sec").asLong() >= 31_536_000, hsts.toString());
        assertTrue(hsts.path("include_subdomains").asBoolean());
        assertTrue(hsts.path("preload").asBoolean());
        assertTrue(hsts.path("override").asBoolean());
    }

    @Test
    void nosniffFrameDenyAndReferrerPolicy() {
        JsonNode headers = securityHeaders();
        assertTrue(headers.path("content_type_options").path("override").asBoolean());
        assertEquals("DENY", headers.path("frame_options").path("frame_option").asText());
        assertEquals("strict-origin-when-cross-origin", headers.path("referrer_policy").path("referrer_policy").asText());
    }

    private static JsonNode securityHeaders() {
        return stack.resource("aws_cloudfront_response_headers_policy", "cdn/security-headers").path("security_headers_config");
    }

    @Test
    void CKV_AWS_86_CloudFront_5_accessLogsGoToTheLogBucket() {
        JsonNode logging = distribution.path("logging_config");
        assertEquals(stack.ref("aws_s3_bucket", "access-logs/bucket", "bucket_domain_name"), logging.path("bucket").asText());
        assertEquals("cloudfront/", logging.path("prefix").asText());
        assertEquals(false, logging.path("include_cookies").asBoolean(true));
    }

    @Test
    void logBucketKeepsAclsUsableForCloudFrontLogDelivery() {
        assertEquals("kube9-charts-production-logs", stack.resource("aws_s3_bucket", "access-logs/bucket").path("bucket").asText());
        JsonNode ownership = stack.resource("aws_s3_bucket_ownership_controls", "access-logs/ownership");
        assertEquals(stack.ref("aws_s3_bucket", "access-logs/bucket", "id"), ownership.path("bucket").asText());
        assertEquals("BucketOwnerPreferred", ownership.path("rule").path("object_ownership").asText());
    }

    @Test
    void CKV_AWS_53_to_56_CKV_AWS_19_logBucketIsPrivateAndEncrypted() {
        String logBucketId = stack.ref("aws_s3_bucket", "access-logs/bucket", "id");
        JsonNode block = stack.resource("aws_s3_bucket_public_access_block", "access-logs/public-access-block");
        assertEquals(logBucketId, block.path("bucket").asText());
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertTrue(block.path(flag).asBoolean(), flag);
        }
        JsonNode encryption = stack.resource("aws_s3_bucket_server_side_encryption_configuration", "access-logs/encryption");
        assertEquals(logBucketId, encryption.path("bucket").asText());
        assertEquals("AES256", encryption.path("rule").get(0).path("apply_server_side_encryption_by_default").path("sse_algorithm").asText());
    }

    @Test
    void logsExpire() {
        JsonNode lifecycle = stack.resource("aws_s3_bucket_lifecycle_configuration", "access-logs/lifecycle");
        assertEquals(stack.ref("aws_s3_bucket", "access-logs/bucket", "id"), lifecycle.path("bucket").asText());
        assertEquals(1, lifecycle.path("rule").size());
        JsonNode rule = lifecycle.path("rule").get(0);
        assertEquals("Enabled", rule.path("status").asText());
        assertEquals(365, rule.path("expiration").path("days").asInt());
        assertEquals(7, rule.path("abort_incomplete_multipart_upload").path("days_after_initiation").asInt());
    }

    @Test
    void S3_5_logBucketDeniesRequestsWithoutTls() {
        String logBucketArn = stack.ref("aws_s3_bucket", "access-logs/bucket", "arn");
        JsonNode deny = stack.statement("access-logs/policy-document", "DenyInsecureTransport");
        assertEquals("Deny", deny.path("effect").asText());
        assertEquals(List.of("*:*"), principals(deny));
        assertEquals(List.of("s3:*"), strings(deny.path("actions")));
        assertEquals(List.of(logBucketArn, logBucketArn + "/*"), strings(deny.path("resources")));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))), conditions(deny));
        JsonNode policy = stack.resource("aws_s3_bucket_policy", "access-logs/policy");
        assertEquals(stack.ref("aws_s3_bucket", "access-logs/bucket", "id"), policy.path("bucket").asText());
        assertEquals(stack.dataRef("aws_iam_policy_document", "access-logs/policy-document", "json"), policy.path("policy").asText());
    }
}
