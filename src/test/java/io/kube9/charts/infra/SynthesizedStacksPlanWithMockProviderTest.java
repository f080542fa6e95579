package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.testing.TerraformCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan-level tests of the synthesized stacks with the real hashicorp/aws 5.100.0 provider schema:
 * {@code terraform test} with {@code mock_provider "aws"} (no AWS calls; computed values are mocked),
 * run next to each stack's cdk.tf.json after {@code terraform init -backend=false}. It checks what
 * unit tests on the JSON cannot: that every resource and block type-checks against the provider and
 * that Terraform plans the values asserted below, for the production defaults (cutover stage parallel, replica,
 * alarms without subscribers) and for stage live, and for both stages without the replica and with every alerting
 * resource. A few computed values are fixed at plan time ({@code override_during = plan}) so that what refers to
 * them can be asserted: the distribution's domain name and ID (the request log path), the function's ARN, the cache
 * policy IDs, the buckets' and the OAC's attributes (the origins). What a real apply adds (AWS-side validation,
 * eventual consistency, permissions) is listed in docs/operations.md.
 */
class SynthesizedStacksPlanWithMockProviderTest {
    static final String DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";
    static final String DISTRIBUTION_ID = "E2EXAMPLE0DIST";
    static final String FUNCTION_ARN = "arn:aws:cloudfront::123456789012:function/kube9-charts-production-viewer-request";
    /** Valid JSON for mocked policy documents: aws_iam_role and aws_s3_bucket_policy insist on JSON. */
    static final String MOCK_PROVIDERS = """
            mock_provider "aws" {
              mock_data "aws_iam_policy_document" {
                defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }
              }
              mock_data "aws_caller_identity" {
                defaults = { account_id = "123456789012" }
              }
              mock_data "aws_route53_zone" {
                defaults = { zone_id = "Z0123456789EXAMPLE" }
              }
              mock_resource "aws_cloudfront_distribution" {
                override_during = plan
                defaults = { domain_name = "%s", id = "%s", arn = "arn:aws:cloudfront::123456789012:distribution/%2$s" }
              }
              mock_resource "aws_cloudfront_function" {
                override_during = plan
                defaults = { arn = "%s" }
              }
              mock_resource "aws_cloudfront_cache_policy" {
                override_during = plan
              }
              # The origins' domain names and OAC: known at plan, so the set of two origins has a known length. Every
              # bucket then has an ARN at plan; the log delivery destination's must parse as one.
              mock_resource "aws_s3_bucket" {
                override_during = plan
                defaults = { arn = "arn:aws:s3:::kube9-charts-production-mocked" }
              }
              mock_resource "aws_cloudfront_origin_access_control" {
                override_during = plan
              }
            }

            mock_provider "aws" {
              alias = "us_east_1"
              mock_data "aws_iam_policy_document" {
                defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }
              }
            }

            # The replica bucket's region (a stack without a replica leaves it unused; terraform test accepts that).
            mock_provider "aws" {
              alias = "replica"
              mock_data "aws_iam_policy_document" {
                defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }
              }
              mock_resource "aws_s3_bucket" {
                override_during = plan
                defaults = { arn = "arn:aws:s3:::kube9-charts-production-replica" }
              }
            }
            """.formatted(DISTRIBUTION_DOMAIN, DISTRIBUTION_ID, FUNCTION_ARN);
    private static final String CHART_STACK = "kube9-charts-production";

    @TempDir
    static Path dir;
    /** The stacks of the production defaults and of cutover stage live, as scripts/synth writes them. */
    private static Path production;
    private static Path live;
    private static Path parallelWithoutReplica;
    private static Path liveWithoutReplica;

    @BeforeAll
    static void synthesize() throws IOException {
        production = synth("production");
        Path liveOverlay = Files.writeString(dir.resolve("live.yaml"), CutoverStagesTest.LIVE_WITH_STAGING);
        live = synth("live", "--config", liveOverlay.toString());
        Path parallelBare = Files.writeString(dir.resolve("parallel-without-replica.yaml"),
                "cutover:\n  stage: parallel\n" + TerraformValidateTest.WITHOUT_REPLICA_WITH_ALERTS);
        parallelWithoutReplica = synth("parallel-without-replica", "--config", parallelBare.toString());
        Path liveBare = Files.writeString(dir.resolve("live-without-replica.yaml"),
                CutoverStagesTest.LIVE_WITH_STAGING + TerraformValidateTest.WITHOUT_REPLICA_WITH_ALERTS);
        liveWithoutReplica = synth("live-without-replica", "--config", liveBare.toString());
    }

    private static Path synth(String name, String... args) {
        Path outdir = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--outdir", outdir.toString()));
        int code = SynthApp.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err,
                all.toArray(String[]::new));
        assertEquals(0, code);
        return outdir.resolve("stacks");
    }

    private record Assertion(String condition, String message) {
        String hcl() {
            return "  assert {\n    condition     = " + condition + "\n    error_message = \"" + message + "\"\n  }\n";
        }
    }

    private static TerraformCli.Result terraformTest(Path stackDir, List<Assertion> assertions) throws Exception {
        Files.createDirectories(stackDir.resolve("tests"));
        StringBuilder hcl = new StringBuilder(MOCK_PROVIDERS).append("\nrun \"plan\" {\n  command = plan\n\n");
        assertions.forEach(assertion -> hcl.append(assertion.hcl()));
        hcl.append("}\n");
        Files.writeString(stackDir.resolve("tests/plan.tftest.hcl"), hcl);
        return new TerraformCli(stackDir).initWithoutBackend().run("test");
    }

    private static void assertPassed(TerraformCli.Result result) {
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 passed, 0 failed"), result.output());
    }

    private static StackJson stack(Path stackDir) {
        return StackJson.read(stackDir.resolve("cdk.tf.json"));
    }

    @Test
    void bootstrapStackPlansWithTheRealProviderSchema() throws Exception {
        StackJson stack = stack(production.resolve(BootstrapStack.STACK_NAME));
        String bucket = stack.address("aws_s3_bucket", "state-bucket/bucket");
        String versioning = stack.address("aws_s3_bucket_versioning", "state-bucket/versioning");
        String lifecycle = stack.address("aws_s3_bucket_lifecycle_configuration", "state-bucket/lifecycle");
        String publicAccess = stack.address("aws_s3_bucket_public_access_block", "state-bucket/public-access-block");
        String planRole = stack.address("aws_iam_role", "ci/plan-role");
        String deployRole = stack.address("aws_iam_role", "ci/deploy-role");
        String oidc = stack.address("aws_iam_openid_connect_provider", "github-oidc/provider");

        TerraformCli.Result result = terraformTest(production.resolve(BootstrapStack.STACK_NAME), List.of(
                new Assertion(bucket + ".bucket == \"kube9-charts-terraform-state\"", "state bucket name"),
                new Assertion(versioning + ".versioning_configuration[0].status == \"Enabled\"", "state bucket versioning"),
                new Assertion(lifecycle + ".rule[0].noncurrent_version_expiration[0].noncurrent_days == 90",
                        "noncurrent state versions expire"),
                new Assertion("alltrue([" + publicAccess + ".block_public_acls, " + publicAccess + ".block_public_policy, "
                        + publicAccess + ".ignore_public_acls, " + publicAccess + ".restrict_public_buckets])",
                        "all public access blocked"),
                new Assertion(planRole + ".name == \"kube9-charts-ci-plan\" && " + planRole + ".path == \"/kube9-bootstrap/\"",
                        "plan role name and path"),
                new Assertion(deployRole + ".name == \"kube9-charts-ci-deploy\" && " + deployRole
                        + ".max_session_duration == 3600", "deploy role name and session length"),
                new Assertion(oidc + ".url == \"https://token.actions.githubusercontent.com\" && "
                        + "contains(" + oidc + ".client_id_list, \"sts.amazonaws.com\")", "GitHub OIDC provider"),
                new Assertion("output.state_bucket == \"kube9-charts-terraform-state\"", "state bucket output")));

        assertPassed(result);
    }

    /** Stage parallel: the legacy distribution keeps charts.kube9.io, so nothing here claims it. */
    @Test
    void chartStackPlansWithTheRealProviderSchema() throws Exception {
        StackJson stack = stack(production.resolve(CHART_STACK));
        String distribution = stack.address("aws_cloudfront_distribution", "cdn/distribution");
        String txt = stack.address("aws_route53_record", "alias-move/txt");
        String function = stack.address("aws_cloudfront_function", "cdn/viewer-request/function");
        String capped = stack.address("aws_cloudfront_cache_policy", "cdn/index-cache-policy");
        String longLived = stack.address("aws_cloudfront_cache_policy", "cdn/chart-cache-policy");
        String oac = stack.address("aws_cloudfront_origin_access_control", "cdn/origin-access-control");
        String publisher = stack.address("aws_iam_role", "publisher-alto9.kube9-operator/role");
        String chartBucket = stack.address("aws_s3_bucket", "chart-bucket/bucket");
        String logBucket = stack.address("aws_s3_bucket", "access-logs/bucket");
        String prefix = ChartHostingConfig.NAME_PREFIX;

        List<Assertion> assertions = new ArrayList<>(List.of(
                new Assertion("length(" + distribution + ".aliases) == 0", "no alias while the legacy distribution holds the name"),
                new Assertion(txt + ".name == \"_charts.kube9.io\" && " + txt + ".type == \"TXT\" && " + txt + ".records == toset([\""
                        + DISTRIBUTION_DOMAIN + "\"])", "TXT record naming our distribution for AssociateAlias"),
                new Assertion(function + ".publish && " + function + ".runtime == \"cloudfront-js-2.0\"", "function published"),
                new Assertion("alltrue([for b in concat(" + distribution + ".default_cache_behavior, " + distribution
                        + ".ordered_cache_behavior) : [for a in b.function_association : \"${a.event_type} ${a.function_arn}\"] == "
                        + "[\"viewer-request " + FUNCTION_ARN + "\"]])", "viewer-request function on every behaviour"),
                new Assertion("one(" + distribution + ".default_cache_behavior).cache_policy_id == " + capped + ".id && " + capped
                        + ".default_ttl == 300 && " + capped + ".max_ttl == 86700 && " + capped + ".min_ttl == 0 && " + capped
                        + ".id != " + longLived + ".id", "default behaviour (and so /) fresh 5 minutes, kept a day for stale-if-error"),
                new Assertion("alltrue([for b in " + distribution + ".ordered_cache_behavior : b.cache_policy_id == " + longLived
                        + ".id]) && [for b in " + distribution + ".ordered_cache_behavior : b.path_pattern] == [\"*.tgz\", \"*.prov\"]",
                        "packages and provenance files long-lived"),
                new Assertion("one(" + distribution + ".viewer_certificate).minimum_protocol_version == \"TLSv1.2_2021\"",
                        "TLS 1.2_2021 minimum"),
                new Assertion(distribution + ".http_version == \"http2and3\" && " + distribution + ".is_ipv6_enabled",
                        "HTTP/2+3 and IPv6"),
                new Assertion(oac + ".signing_behavior == \"always\" && " + oac + ".signing_protocol == \"sigv4\"",
                        "origin access control signs every request"),
                // The bootstrap deploy role may manage only buckets and roles named with the project prefix.
                new Assertion("startswith(" + publisher + ".name, \"" + prefix + "\")", "publisher role in deploy scope"),
                new Assertion("startswith(" + chartBucket + ".bucket, \"" + prefix + "\") && startswith("
                        + logBucket + ".bucket, \"" + prefix + "\")", "buckets in deploy scope"),
                new Assertion("output.repository_url == \"https://charts.kube9.io\"", "repository URL"),
                new Assertion(stack.address("aws_s3_bucket", "replica-bucket/bucket") + ".bucket == \"kube9-charts-production-replica\"",
                        "replica bucket in deploy scope")));
        assertions.addAll(replicaAndFailover(stack, distribution));
        assertions.addAll(alarmsAndProbe(stack, DISTRIBUTION_DOMAIN));
        TerraformCli.Result result = terraformTest(production.resolve(CHART_STACK), assertions);

        assertPassed(result);
    }

    /** The statistics resources the bindings lack (log delivery) and those they have (Glue, Athena), as Terraform plans them. */
    @Test
    void statisticsPlanWithTheRealProviderSchema() throws Exception {
        StackJson stack = stack(production.resolve(CHART_STACK));
        String source = stack.address("aws_cloudwatch_log_delivery_source", "statistics/log-delivery/source");
        String destination = stack.address("aws_cloudwatch_log_delivery_destination", "statistics/log-delivery/destination");
        String delivery = stack.address("aws_cloudwatch_log_delivery", "statistics/log-delivery/delivery");
        String table = stack.address("aws_glue_catalog_table", "statistics/log-table/table");
        String workgroup = stack.address("aws_athena_workgroup", "statistics/queries/workgroup");
        String logPrefix = "AWSLogs/123456789012/CloudFront/" + DISTRIBUTION_ID + "/";

        TerraformCli.Result result = terraformTest(production.resolve(CHART_STACK), List.of(
                new Assertion(source + ".log_type == \"ACCESS_LOGS\" && " + source + ".name == \"kube9-charts-production-cloudfront\"",
                        "distribution access logs are the source"),
                new Assertion(destination + ".output_format == \"parquet\"", "Parquet"),
                new Assertion(delivery + ".record_fields == tolist([\"date\", \"time\", \"cs-method\", \"cs-uri-stem\", \"sc-status\", "
                        + "\"sc-bytes\", \"cs(User-Agent)\", \"c-ip\"])", "only the fields the statistics need"),
                new Assertion("one(" + delivery + ".s3_delivery_configuration).suffix_path == \"{DistributionId}/{yyyy}/{MM}/{dd}/{HH}\"",
                        "hourly folders per distribution"),
                new Assertion(table + ".parameters[\"storage.location.template\"] == \"s3://kube9-charts-production-request-logs/"
                        + logPrefix + "$${year}/$${month}/$${day}/$${hour}/\"", "projection template is the delivery path"),
                new Assertion(table + ".parameters[\"projection.hour.range\"] == \"0,23\" && " + table
                        + ".parameters[\"projection.hour.digits\"] == \"2\"", "hours 00 to 23"),
                new Assertion("one(" + workgroup + ".configuration).enforce_workgroup_configuration && one(" + workgroup
                        + ".configuration).bytes_scanned_cutoff_per_query == 10737418240", "workgroup enforced, cutoff"),
                new Assertion("output.stats_log_prefix == \"" + logPrefix + "\" && output.stats_glue_database == "
                        + "\"kube9_charts_production\" && output.stats_athena_workgroup == \"kube9-charts-production-stats\"",
                        "outputs the stats command reads")));

        assertPassed(result);
    }

    /** The origin group over both buckets on every behaviour, and replication of every object and delete marker. */
    private static List<Assertion> replicaAndFailover(StackJson stack, String distribution) {
        String replication = stack.address("aws_s3_bucket_replication_configuration", "replication/configuration");
        String role = stack.address("aws_iam_role", "replication/role");
        return List.of(
                new Assertion("length(" + distribution + ".origin) == 2 && length(" + distribution + ".origin_group) == 1",
                        "two origins in one group"),
                new Assertion("[for m in one(" + distribution + ".origin_group).member : m.origin_id] == [\"chart-bucket\", "
                        + "\"replica-bucket\"]", "chart bucket first, replica second"),
                new Assertion("one(one(" + distribution + ".origin_group).failover_criteria).status_codes == toset([500, 502, 503, 504])",
                        "fails over on 5xx only"),
                new Assertion("alltrue([for b in concat(" + distribution + ".default_cache_behavior, " + distribution
                        + ".ordered_cache_behavior) : b.target_origin_id == \"chart-buckets\"])", "every behaviour reads the group"),
                new Assertion(replication + ".rule[0].status == \"Enabled\" && " + replication + ".rule[0].filter[0].prefix == \"\" && "
                        + replication + ".rule[0].delete_marker_replication[0].status == \"Enabled\"",
                        "every object and delete marker replicated"),
                new Assertion(role + ".name == \"kube9-charts-production-replication\" && " + role + ".permissions_boundary != null",
                        "replication role bounded and in deploy scope"));
    }

    /** The alarms with the default thresholds and the probe of index.yaml on {@code probed}. */
    private static List<Assertion> alarmsAndProbe(StackJson stack, String probed) {
        String server = stack.address("aws_cloudwatch_metric_alarm", "alerts/server-errors");
        String client = stack.address("aws_cloudwatch_metric_alarm", "alerts/client-errors");
        String probeAlarm = stack.address("aws_cloudwatch_metric_alarm", "alerts/index-probe-alarm");
        String probe = stack.address("aws_route53_health_check", "alerts/index-probe");
        String monitor = stack.address("aws_iam_role", "monitor/role");
        return List.of(
                new Assertion(server + ".metric_name == \"5xxErrorRate\" && " + server + ".namespace == \"AWS/CloudFront\" && "
                        + server + ".threshold == 5 && " + server + ".period == 300 && " + server + ".evaluation_periods == 2 && "
                        + server + ".dimensions[\"Region\"] == \"Global\"", "5xx alarm"),
                new Assertion(client + ".metric_name == \"4xxErrorRate\" && " + client + ".threshold == 40 && " + client
                        + ".period == 900", "4xx surge alarm"),
                new Assertion(probe + ".type == \"HTTPS_STR_MATCH\" && " + probe + ".fqdn == \"" + probed + "\" && " + probe
                        + ".resource_path == \"/index.yaml\" && " + probe + ".search_string == \"apiVersion\"", "index.yaml probe"),
                new Assertion(probeAlarm + ".namespace == \"AWS/Route53\" && " + probeAlarm + ".metric_name == \"HealthCheckStatus\" && "
                        + probeAlarm + ".threshold == 1", "probe alarm"),
                new Assertion(monitor + ".name == \"kube9-charts-production-monitor\"", "monitor role in deploy scope"));
    }

    /** Stage live: the distribution holds the name, its A/AAAA take over the legacy records, the TXT record stays. */
    @Test
    void liveStagePlansTheTakeoverOfTheLiveName() throws Exception {
        StackJson stack = stack(live.resolve(CHART_STACK));
        String distribution = stack.address("aws_cloudfront_distribution", "cdn/distribution");
        String txt = stack.address("aws_route53_record", "alias-move/txt");
        String liveRecords = "[" + stack.address("aws_route53_record", "domain/alias-a") + ", "
                + stack.address("aws_route53_record", "domain/alias-aaaa") + "]";
        String stagingRecords = "[" + stack.address("aws_route53_record", "staging-domain/alias-a") + ", "
                + stack.address("aws_route53_record", "staging-domain/alias-aaaa") + "]";

        List<Assertion> assertions = new ArrayList<>(List.of(
                new Assertion(distribution + ".aliases == toset([\"charts.kube9.io\", \"" + CutoverStagesTest.STAGING + "\"])",
                        "live name and staging name"),
                new Assertion("alltrue([for r in " + liveRecords + " : r.allow_overwrite && r.name == \"charts.kube9.io\" && "
                        + "one(r.alias).name == \"" + DISTRIBUTION_DOMAIN + "\"])", "A/AAAA take over the legacy records"),
                new Assertion("[for r in " + liveRecords + " : r.type] == [\"A\", \"AAAA\"]", "IPv4 and IPv6"),
                new Assertion("alltrue([for r in " + stagingRecords + " : r.name == \"" + CutoverStagesTest.STAGING + "\" && "
                        + "one(r.alias).name == \"" + DISTRIBUTION_DOMAIN + "\"])", "staging name stays"),
                new Assertion(txt + ".records == toset([\"" + DISTRIBUTION_DOMAIN + "\", \"" + CutoverStagesTest.LEGACY + "\"])",
                        "TXT record keeps the move back to the legacy distribution possible")));
        assertions.addAll(replicaAndFailover(stack, distribution));
        assertions.addAll(alarmsAndProbe(stack, "charts.kube9.io"));
        TerraformCli.Result result = terraformTest(live.resolve(CHART_STACK), assertions);

        assertPassed(result);
    }

    /** Both stages with {@code bucket.replica: null} and email subscriptions and the billed additional metrics on. */
    @Test
    void withoutReplicaBothStagesPlanOneOriginAndEveryAlertingResource() throws Exception {
        for (Path stacks : List.of(parallelWithoutReplica, liveWithoutReplica)) {
            StackJson stack = stack(stacks.resolve(CHART_STACK));
            String distribution = stack.address("aws_cloudfront_distribution", "cdn/distribution");
            String metrics = stack.address("aws_cloudfront_monitoring_subscription", "alerts/additional-metrics");
            List<Assertion> assertions = new ArrayList<>(List.of(
                    new Assertion("length(" + distribution + ".origin) == 1 && length(" + distribution + ".origin_group) == 0",
                            "one origin, no group"),
                    new Assertion("alltrue([for b in concat(" + distribution + ".default_cache_behavior, " + distribution
                            + ".ordered_cache_behavior) : b.target_origin_id == \"chart-bucket\"])", "every behaviour reads the bucket"),
                    new Assertion("toset([" + stack.address("aws_sns_topic_subscription", "alerts/email-0") + ".endpoint, "
                            + stack.address("aws_sns_topic_subscription", "alerts/email-1") + ".endpoint]) == "
                            + "toset([\"ops@kube9.io\", \"oncall@kube9.io\"])", "email subscriptions"),
                    new Assertion("one(one(" + metrics + ".monitoring_subscription).realtime_metrics_subscription_config)"
                            + ".realtime_metrics_subscription_status == \"Enabled\"", "additional metrics")));
            assertions.addAll(alarmsAndProbe(stack, stacks == liveWithoutReplica ? "charts.kube9.io" : DISTRIBUTION_DOMAIN));
            TerraformCli.Result result = terraformTest(stacks.resolve(CHART_STACK), assertions);

            assertPassed(result);
        }
    }

    @Test
    void aFailingAssertionFailsTheTerraformTest() throws Exception {
        TerraformCli.Result result = terraformTest(production.resolve(BootstrapStack.STACK_NAME), List.of(
                new Assertion("output.state_bucket == \"some-other-bucket\"", "deliberately wrong")));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("deliberately wrong"), result.output());
    }
}
