package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.testing.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Terraform 1.11 with the real hashicorp/aws 5.100.0 schema on the chart stack with two publishing repositories
 * and ECR Public: {@code terraform validate}, then {@code terraform test} with {@code mock_provider "aws"} (no AWS
 * calls): a plan of the per-repository roles, the lifecycle role and the chart repositories, and the alias
 * postcondition failing when AWS reports another registry alias than the configured one.
 */
class PublishingRolesTerraformTest {
    private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/kube9-bootstrap/kube9-charts-permissions-boundary";

    @TempDir
    static Path dir;
    private static Path stackDir;
    private static StackJson stack;
    private static TerraformCli terraform;

    @BeforeAll
    static void synthesizeAndInit() {
        SynthApp.Synthesis synthesis = Synthesized.all(dir, Synthesized.config(dir, PublisherAccessTest.TWO_REPOSITORIES));
        stackDir = synthesis.stackFile("kube9-charts-production").getParent();
        stack = StackJson.read(synthesis.stackFile("kube9-charts-production"));
        terraform = new TerraformCli(stackDir);
        terraform.run("init", "-backend=false", "-input=false", "-no-color").requireSuccess();
    }

    @Test
    void isValidTerraform() throws Exception {
        TerraformCli.Result validate = terraform.run("validate", "-json", "-no-color");
        JsonNode report = new ObjectMapper().readTree(validate.stdout());
        assertTrue(report.path("valid").asBoolean(), validate.output());
        assertEquals(0, report.path("warning_count").asInt(), validate.output());
    }

    /**
     * One {@code terraform test} (each run costs seconds): a plan asserting the roles and chart repositories, then the
     * alias postcondition with the mocked {@code repository_uri} made known at plan ({@code override_during = plan}):
     * passing for the configured alias, failing for another one.
     */
    @Test
    void plansEveryRoleAndChartRepositoryAndTheAliasPostconditionRefusesAnotherAlias() throws Exception {
        String operator = stack.address("aws_iam_role", "publisher-alto9.kube9-operator/role");
        String agent = stack.address("aws_iam_role", "publisher-alto9.kube9-agent/role");
        String lifecycle = stack.address("aws_iam_role", "lifecycle/role");
        String crds = stack.address("aws_ecrpublic_repository", "oci-repositories/kube9-agent-crds");
        String repository = stack.address("aws_ecrpublic_repository", "oci-repositories/kube9-operator");
        String override = """
                  override_resource {
                    target          = %s
                    override_during = plan
                    values          = { repository_uri = "%s" }
                  }
                """;
        TerraformCli.Result result = terraformTest(String.join("\n",
                "run \"plan\" {\n  command = plan",
                assertion(operator + ".name == \"kube9-charts-production-publisher-alto9.kube9-operator\" && " + operator
                        + ".permissions_boundary == \"" + BOUNDARY + "\"", "operator publisher role"),
                assertion(agent + ".name == \"kube9-charts-production-publisher-alto9.kube9-agent\" && " + agent
                        + ".permissions_boundary == \"" + BOUNDARY + "\"", "agent publisher role"),
                assertion(lifecycle + ".name == \"kube9-charts-production-lifecycle\" && " + lifecycle
                        + ".permissions_boundary == \"" + BOUNDARY + "\"", "lifecycle role"),
                assertion(crds + ".repository_name == \"charts/kube9-agent-crds\" && strcontains(one(" + crds + ".catalog_data)"
                        + ".usage_text, \"helm install kube9-agent-crds oci://public.ecr.aws/kube9/charts/kube9-agent-crds\")",
                        "chart repository with its install command"),
                assertion("toset(keys(output.publisher_role_arns)) == toset([\"alto9/kube9-operator\", \"alto9/kube9-agent\"])",
                        "a role ARN per publishing repository"),
                assertion("output.oci_repository_url == \"oci://public.ecr.aws/kube9/charts\"", "OCI repository URL"),
                "}",
                "run \"configured_alias\" {\n  command = plan",
                override.formatted(repository, "public.ecr.aws/kube9/charts/kube9-operator") + "}",
                "run \"another_alias\" {\n  command = plan",
                override.formatted(repository, "public.ecr.aws/x7y8z9a1/charts/kube9-operator"),
                "  expect_failures = [" + repository + "]\n}\n"));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("3 passed, 0 failed"), result.output());
    }

    private static String assertion(String condition, String message) {
        return "  assert {\n    condition     = " + condition + "\n    error_message = \"" + message + "\"\n  }";
    }

    private static TerraformCli.Result terraformTest(String runs) throws Exception {
        Files.createDirectories(stackDir.resolve("tests"));
        Files.writeString(stackDir.resolve("tests/publishing.tftest.hcl"),
                SynthesizedStacksPlanWithMockProviderTest.MOCK_PROVIDERS + "\n" + runs);
        return terraform.run("test", "-no-color");
    }
}
