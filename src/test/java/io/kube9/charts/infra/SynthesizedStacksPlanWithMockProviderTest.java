package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.testing.TerraformCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan-level tests of the synthesized stacks with the real hashicorp/aws 5.100.0 provider schema:
 * {@code terraform test} with {@code mock_provider "aws"} (no AWS calls; computed values are mocked),
 * run next to each stack's cdk.tf.json after {@code terraform init -backend=false}. It checks what
 * unit tests on the JSON cannot: that every resource and block type-checks against the provider and
 * that Terraform plans the values asserted below. What a real apply adds (AWS-side validation,
 * eventual consistency, permissions) is listed in docs/operations.md.
 */
class SynthesizedStacksPlanWithMockProviderTest {
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
            }

            mock_provider "aws" {
              alias = "us_east_1"
              mock_data "aws_iam_policy_document" {
                defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }
              }
            }
            """;

    @TempDir
    static Path dir;
    private static Path stacks;

    @BeforeAll
    static void synthesize() {
        Path outdir = dir.resolve("cdktf.out");
        int code = SynthApp.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err,
                "--outdir", outdir.toString());
        assertEquals(0, code);
        stacks = outdir.resolve("stacks");
    }

    private record Assertion(String condition, String message) {
        String hcl() {
            return "  assert {\n    condition     = " + condition + "\n    error_message = \"" + message + "\"\n  }\n";
        }
    }

    private static TerraformCli.Result terraformTest(String stackName, List<Assertion> assertions) throws Exception {
        Path stackDir = stacks.resolve(stackName);
        Files.createDirectories(stackDir.resolve("tests"));
        StringBuilder hcl = new StringBuilder(MOCK_PROVIDERS).append("\nrun \"plan\" {\n  command = plan\n\n");
        assertions.forEach(assertion -> hcl.append(assertion.hcl()));
        hcl.append("}\n");
        Files.writeString(stackDir.resolve("tests/plan.tftest.hcl"), hcl);
        TerraformCli terraform = new TerraformCli(stackDir);
        terraform.run("init", "-backend=false", "-input=false").requireSuccess();
        return terraform.run("test");
    }

    private static StackJson stack(String name) {
        return StackJson.read(stacks.resolve(name).resolve("cdk.tf.json"));
    }

    @Test
    void bootstrapStackPlansWithTheRealProviderSchema() throws Exception {
        StackJson stack = stack(BootstrapStack.STACK_NAME);
        String bucket = stack.address("aws_s3_bucket", "state-bucket/bucket");
        String versioning = stack.address("aws_s3_bucket_versioning", "state-bucket/versioning");
        String lifecycle = stack.address("aws_s3_bucket_lifecycle_configuration", "state-bucket/lifecycle");
        String publicAccess = stack.address("aws_s3_bucket_public_access_block", "state-bucket/public-access-block");
        String planRole = stack.address("aws_iam_role", "ci/plan-role");
        String deployRole = stack.address("aws_iam_role", "ci/deploy-role");
        String oidc = stack.address("aws_iam_openid_connect_provider", "github-oidc/provider");

        TerraformCli.Result result = terraformTest(BootstrapStack.STACK_NAME, List.of(
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

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 passed, 0 failed"), result.output());
    }

    @Test
    void chartStackPlansWithTheRealProviderSchema() throws Exception {
        StackJson stack = stack("kube9-charts-production");
        String distribution = stack.address("aws_cloudfront_distribution", "cdn/distribution");
        String oac = stack.address("aws_cloudfront_origin_access_control", "cdn/origin-access-control");
        String publisher = stack.address("aws_iam_role", "publisher-alto9.kube9-operator/role");
        String chartBucket = stack.address("aws_s3_bucket", "chart-bucket/bucket");
        String logBucket = stack.address("aws_s3_bucket", "access-logs/bucket");
        String prefix = ChartHostingConfig.NAME_PREFIX;

        TerraformCli.Result result = terraformTest("kube9-charts-production", List.of(
                new Assertion("contains(" + distribution + ".aliases, \"charts.kube9.io\")", "custom domain"),
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
                new Assertion("output.repository_url == \"https://charts.kube9.io\"", "repository URL")));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 passed, 0 failed"), result.output());
    }

    @Test
    void aFailingAssertionFailsTheTerraformTest() throws Exception {
        TerraformCli.Result result = terraformTest(BootstrapStack.STACK_NAME, List.of(
                new Assertion("output.state_bucket == \"some-other-bucket\"", "deliberately wrong")));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("deliberately wrong"), result.output());
    }
}
