package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every environment's stack carries: state backend, providers, tags, outputs; production and staging. */
class StackFoundationTest {
    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson staging;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        staging = Synthesized.chartHostingStack(dir, ConfigLoader.load(Path.of("config/staging.yaml")));
    }

    @Test
    void stateLivesInAnEncryptedS3BackendWithS3NativeLocking() {
        JsonNode backend = production.root().path("terraform").path("backend").path("s3");
        assertEquals("kube9-charts-terraform-state", backend.path("bucket").asText());
        assertEquals("charts/production/terraform.tfstate", backend.path("key").asText());
        assertEquals("us-east-1", backend.path("region").asText());
        assertEquals(true, backend.path("encrypt").asBoolean(false));
        assertEquals(true, backend.path("use_lockfile").asBoolean(false));
    }

    @Test
    void eachEnvironmentHasItsOwnStateKey() {
        assertEquals("charts/staging/terraform.tfstate",
                staging.root().path("terraform").path("backend").path("s3").path("key").asText());
    }

    @Test
    void awsProviderConstraintAllowsCurrent5x() {
        JsonNode aws = production.root().path("terraform").path("required_providers").path("aws");
        assertEquals(">= 5.23.1, < 6.0.0", aws.path("version").asText());
        assertEquals("aws", aws.path("source").asText());
    }

    @Test
    void providersTagEveryResource() {
        Map<String, String> expected = Map.of("project", "kube9", "component", "chart-hosting", "environment", "production",
                "managed-by", "cdktf");
        for (JsonNode provider : production.root().path("provider").path("aws")) {
            Map<String, String> tags = new TreeMap<>();
            provider.path("default_tags").get(0).path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            assertEquals(expected, tags);
        }
    }

    @Test
    void stagingTagsItsResourcesAsStaging() {
        assertEquals("staging",
                staging.root().path("provider").path("aws").get(0).path("default_tags").get(0).path("tags").path("environment").asText());
    }

    @Test
    void defaultProviderInTheBucketRegionAndAliasesInUsEast1AndTheReplicaRegion() {
        JsonNode providers = production.root().path("provider").path("aws");
        assertEquals(3, providers.size());
        assertEquals("us-east-1", providers.get(0).path("region").asText());
        assertEquals("us_east_1", providers.get(1).path("alias").asText());
        assertEquals("us-east-1", providers.get(1).path("region").asText());
        assertEquals("replica", providers.get(2).path("alias").asText());
        assertEquals("us-west-2", providers.get(2).path("region").asText());
        assertEquals(2, staging.root().path("provider").path("aws").size(), "staging has no replica");
    }

    @Test
    void outputsForTheOperatorsAndThePublisher() {
        List<String> names = new ArrayList<>();
        production.root().path("output").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("access_log_bucket_name", "alerts_topic_arn", "bucket_arn", "bucket_name",
                "distribution_domain_name", "distribution_id", "index_probe_health_check_id", "lifecycle_role_arn",
                "monitor_role_arn", "oci_repository_url", "publisher_role_arns", "replica_bucket_name",
                "repository_url", "stats_athena_workgroup", "stats_glue_database", "stats_glue_table",
                "stats_log_bucket_name", "stats_log_prefix", "stats_query_results_bucket_name", "stats_role_arn"), names);
        JsonNode outputs = production.root().path("output");
        assertEquals("https://charts.kube9.io", outputs.path("repository_url").path("value").asText());
        assertEquals(production.ref("aws_s3_bucket", "chart-bucket/bucket", "bucket"), outputs.path("bucket_name").path("value").asText());
        assertEquals(production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn"), outputs.path("bucket_arn").path("value").asText());
        assertEquals(production.ref("aws_cloudfront_distribution", "cdn/distribution", "id"),
                outputs.path("distribution_id").path("value").asText());
        assertEquals(production.ref("aws_cloudfront_distribution", "cdn/distribution", "domain_name"),
                outputs.path("distribution_domain_name").path("value").asText());
        assertEquals(production.ref("aws_iam_role", "publisher-alto9.kube9-operator/role", "arn"),
                outputs.path("publisher_role_arns").path("value").path("alto9/kube9-operator").asText());
    }

    @Test
    void stagingNamesEverythingAfterItsEnvironment() {
        assertEquals("kube9-charts-staging", staging.resource("aws_s3_bucket", "chart-bucket/bucket").path("bucket").asText());
        assertEquals(List.of("charts-staging.kube9.io"),
                strings(staging.resource("aws_cloudfront_distribution", "cdn/distribution").path("aliases")));
        assertEquals(60, staging.resource("aws_cloudfront_cache_policy", "cdn/index-cache-policy").path("default_ttl").asInt());
        assertEquals(60 + 86_400, staging.resource("aws_cloudfront_cache_policy", "cdn/index-cache-policy").path("max_ttl").asInt());
        assertEquals("kube9-charts-staging-publisher-alto9.kube9-operator",
                staging.resource("aws_iam_role", "publisher-alto9.kube9-operator/role").path("name").asText());
        assertEquals("kube9-charts-staging-lifecycle", staging.resource("aws_iam_role", "lifecycle/role").path("name").asText());
        assertEquals("kube9-charts-staging", staging.resource("aws_cloudfront_origin_access_control", "cdn/origin-access-control")
                .path("name").asText());
    }
}
