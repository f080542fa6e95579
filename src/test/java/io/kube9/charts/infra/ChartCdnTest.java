package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.infra.constructs.ChartCdn;
import io.kube9.charts.infra.constructs.ViewerRequestFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CloudFront side of the synthesized production stack and its access-log bucket. */
class ChartCdnTest {
    private static final String DISTRIBUTION = "aws_cloudfront_distribution";
    private static final String CACHE_POLICY = "aws_cloudfront_cache_policy";
    private static final String FUNCTION = "aws_cloudfront_function";

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

        List<String> buckets = new ArrayList<>();
        for (JsonNode origin : distribution.path("origin")) {
            assertEquals(stack.ref("aws_cloudfront_origin_access_control", "cdn/origin-access-control", "id"),
                    origin.path("origin_access_control_id").asText());
            assertTrue(origin.path("s3_origin_config").isMissingNode(), "no legacy origin access identity");
            buckets.add(origin.path("domain_name").asText());
        }
        assertEquals(List.of(stack.ref("aws_s3_bucket", "chart-bucket/bucket", "bucket_regional_domain_name"),
                stack.ref("aws_s3_bucket", "replica-bucket/bucket", "bucket_regional_domain_name")), buckets);
    }

    /** Also in the production default, stage parallel, with no alias yet (CutoverStagesTest: the aliases of each stage). */
    @Test
    void CKV2_AWS_42_CloudFront_7_customCertificateIsAttached() {
        assertEquals(stack.ref("aws_acm_certificate_validation", "certificate/validation", "certificate_arn"),
                distribution.path("viewer_certificate").path("acm_certificate_arn").asText());
        assertTrue(distribution.path("viewer_certificate").path("cloudfront_default_certificate").isMissingNode());
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
            assertTrue(behaviour.path("lambda_function_association").isMissingNode(), "no Lambda@Edge in front of the charts");
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
        List<String> patterns = new ArrayList<>();
        for (JsonNode behaviour : distribution.path("ordered_cache_behavior")) {
            patterns.add(behaviour.path("path_pattern").asText());
            assertEquals(stack.ref(CACHE_POLICY, "cdn/chart-cache-policy", "id"), behaviour.path("cache_policy_id").asText());
        }
        assertEquals(List.of("*.tgz", "*.prov"), patterns, "only packages and provenance files are known never to change");
        JsonNode policy = stack.resource(CACHE_POLICY, "cdn/chart-cache-policy");
        assertEquals(0, policy.path("min_ttl").asLong(), "origin Cache-Control decides");
        assertEquals(31_536_000, policy.path("max_ttl").asLong());
        assertEquals(86_400, policy.path("default_ttl").asLong());
    }

    /**
     * Mutable objects are fresh for their {@code max-age} (the publisher writes 300 s), five minutes without one, and
     * are kept a day longer so {@code stale-while-revalidate} and {@code stale-if-error} (86400) can serve them: the
     * maximum TTL bounds how long CloudFront keeps the object at all, so it must cover max-age + stale-if-error.
     */
    @Test
    void defaultBehaviourIsFreshFiveMinutesAndKeepsTheObjectADayForStaleIfError() {
        assertEquals(stack.ref(CACHE_POLICY, "cdn/index-cache-policy", "id"),
                distribution.path("default_cache_behavior").path("cache_policy_id").asText());
        JsonNode policy = stack.resource(CACHE_POLICY, "cdn/index-cache-policy");
        assertEquals(0, policy.path("min_ttl").asLong(), "origin Cache-Control decides; no-cache is honoured");
        assertEquals(300, policy.path("default_ttl").asLong(), "an object without Cache-Control is fresh five minutes");
        assertEquals(300 + 86_400, policy.path("max_ttl").asLong(), "max-age=300 + stale-if-error=86400");
        assertEquals(86_400, ChartCdn.STALE_IF_ERROR_SECONDS);
    }

    /**
     * CloudFront picks the behaviour from the viewer's path (the first ordered pattern that matches, else the
     * default) before the default root object applies, so {@code /} gets what {@code /index.html} gets.
     */
    @Test
    void landingPageAtTheRootIndexAndLedgerAreCappedPackagesAreLongLived() {
        String capped = stack.ref(CACHE_POLICY, "cdn/index-cache-policy", "id");
        String longLived = stack.ref(CACHE_POLICY, "cdn/chart-cache-policy", "id");
        for (String path : List.of("/", "/index.html", "/index.yaml", "/artifacthub-repo.yml", "/lifecycle.json", "/unknown.txt")) {
            assertEquals(capped, behaviourFor(path).path("cache_policy_id").asText(), path);
        }
        for (String path : List.of("/kube9-operator-1.0.0.tgz", "/kube9-operator-1.0.0+build.7.tgz", "/a-1.0.0%2Bbuild.7.tgz",
                "/kube9-operator-1.0.0.tgz.prov")) {
            assertEquals(longLived, behaviourFor(path).path("cache_policy_id").asText(), path);
        }
    }

    /** CloudFront path patterns: '*' any characters (also '/'), '?' one, case-sensitive, the leading '/' optional. */
    private static JsonNode behaviourFor(String path) {
        for (JsonNode behaviour : distribution.path("ordered_cache_behavior")) {
            String pattern = behaviour.path("path_pattern").asText();
            StringBuilder regex = new StringBuilder(pattern.startsWith("/") ? "" : "/?");
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (path.matches(regex.toString())) {
                return behaviour;
            }
        }
        return distribution.path("default_cache_behavior");
    }

    @Test
    void everyBehaviourRewritesPlusSignsWithThePublishedViewerRequestFunction() {
        String arn = stack.ref(FUNCTION, "cdn/viewer-request/function", "arn");
        for (JsonNode behaviour : allBehaviours()) {
            JsonNode associations = behaviour.path("function_association");
            assertEquals(1, associations.size(), behaviour.toString());
            assertEquals("viewer-request", associations.get(0).path("event_type").asText());
            assertEquals(arn, associations.get(0).path("function_arn").asText());
        }
        JsonNode function = stack.resource(FUNCTION, "cdn/viewer-request/function");
        assertTrue(function.path("publish").asBoolean(), "only a published (LIVE) function can be associated");
        assertEquals("cloudfront-js-2.0", function.path("runtime").asText());
        assertEquals("kube9-charts-production-viewer-request", function.path("name").asText());
        assertEquals(ViewerRequestFunction.code(), function.path("code").asText());
        assertTrue(ViewerRequestFunction.code().contains("function handler(event)"), "CloudFront calls handler");
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
