package io.kube9.charts.infra;

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

/** The role of chart-lifecycle.yml (yank, unyank, deprecate), on the synthesized production stack. */
class LifecycleAccessTest {
    private static final String OIDC = "token.actions.githubusercontent.com";

    @TempDir
    static Path dir;
    private static StackJson production;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
    }

    /** The deploy role carries the same sub (same environment); job_workflow_ref keeps the two apart (BootstrapStackTest). */
    @Test
    void CKV_AWS_358_trustPinsAudienceTheProtectedEnvironmentAndItsOwnWorkflowOnMain() {
        assertEquals(Map.of("StringEquals", Map.of(
                        OIDC + ":aud", List.of("sts.amazonaws.com"),
                        OIDC + ":sub", List.of("repo:alto9/kube9-charts:environment:production"),
                        OIDC + ":job_workflow_ref", List.of("alto9/kube9-charts/.github/workflows/chart-lifecycle.yml@refs/heads/main"))),
                production.githubTrustConditions("lifecycle/trust-policy", "LifecycleWorkflowInTheDeployEnvironment"));
    }

    @Test
    void writesOnlyTheIndexThePageAndTheLedgerReadsPackagesAndInvalidates() {
        String bucket = production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn");
        List<JsonNode> statements = new ArrayList<>();
        production.data("aws_iam_policy_document", "lifecycle/permissions-policy").path("statement").forEach(statements::add);
        assertEquals(4, statements.size());
        JsonNode objects = production.statement("lifecycle/permissions-policy", "ReadWriteIndexPageAndLedger");
        assertEquals(List.of("s3:GetObject", "s3:PutObject"), strings(objects.path("actions")));
        assertEquals(List.of(bucket + "/index.yaml", bucket + "/index.html", bucket + "/lifecycle.json"),
                strings(objects.path("resources")));
        JsonNode packages = production.statement("lifecycle/permissions-policy", "ReadPackages");
        assertEquals(List.of("s3:GetObject"), strings(packages.path("actions")));
        assertEquals(List.of(bucket + "/*.tgz"), strings(packages.path("resources")));
        assertEquals(List.of(bucket), strings(production.statement("lifecycle/permissions-policy", "ListChartBucket").path("resources")));
        JsonNode invalidate = production.statement("lifecycle/permissions-policy", "InvalidateChartCdn");
        assertEquals(List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"), strings(invalidate.path("actions")));
        assertEquals(List.of(production.ref("aws_cloudfront_distribution", "cdn/distribution", "arn")),
                strings(invalidate.path("resources")));
        statements.forEach(statement -> assertEquals("Allow", statement.path("effect").asText()));
    }

    @Test
    void roleCarriesTheBoundaryAndIsNamedForTheDeployRolesScope() {
        JsonNode role = production.resource("aws_iam_role", "lifecycle/role");
        assertEquals("kube9-charts-production-lifecycle", role.path("name").asText());
        assertEquals(production.dataRef("aws_iam_policy_document", "lifecycle/trust-policy", "json"),
                role.path("assume_role_policy").asText());
        assertTrue(role.path("permissions_boundary").asText().endsWith(":policy/kube9-bootstrap/kube9-charts-permissions-boundary"));
        assertEquals(production.ref("aws_iam_role", "lifecycle/role", "arn"),
                production.root().path("output").path("lifecycle_role_arn").path("value").asText());
    }
}
