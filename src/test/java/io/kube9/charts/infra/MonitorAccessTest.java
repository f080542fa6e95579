package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only role of repository-monitor.yml, on the synthesized production stack (with replica) and without one. */
class MonitorAccessTest {
    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson withoutReplica;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        withoutReplica = Synthesized.chartHostingStack(dir, "bucket:\n  replica: null\n");
    }

    @Test
    void CKV_AWS_358_trustPinsAudienceMainAndTheMonitorWorkflowFile() {
        WorkflowTrust.assertOnly(production, "monitor/trust-policy", "MonitorWorkflowOnMain", "repo:alto9/kube9-charts:ref:refs/heads/main",
                "alto9/kube9-charts/.github/workflows/repository-monitor.yml@refs/heads/main");
    }

    @Test
    void readsAndListsTheChartBucketAndTheReplicaAndNothingElse() {
        String chart = production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn");
        String replica = production.ref("aws_s3_bucket", "replica-bucket/bucket", "arn");
        assertEquals(2, production.data("aws_iam_policy_document", "monitor/permissions-policy").path("statement").size());
        JsonNode read = production.statement("monitor/permissions-policy", "ReadObjects");
        assertEquals(List.of("s3:GetObject"), strings(read.path("actions")));
        assertEquals(List.of(chart + "/*", replica + "/*"), strings(read.path("resources")));
        JsonNode list = production.statement("monitor/permissions-policy", "ListBuckets");
        assertEquals(List.of("s3:ListBucket"), strings(list.path("actions")));
        assertEquals(List.of(chart, replica), strings(list.path("resources")));
        assertEquals(List.of(chart), strings(withoutReplica.statement("monitor/permissions-policy", "ListBuckets").path("resources")));
    }

    /** Exactly s3:GetObject and s3:ListBucket, allowed, no condition, no wildcard action: it can write nothing anywhere. */
    @Test
    void CKV_AWS_355_writesNothing() {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : production.data("aws_iam_policy_document", "monitor/permissions-policy").path("statement")) {
            assertEquals("Allow", statement.path("effect").asText());
            assertTrue(statement.path("not_actions").isMissingNode() && statement.path("not_resources").isMissingNode());
            actions.addAll(strings(statement.path("actions")));
            strings(statement.path("resources")).forEach(resource -> assertTrue(resource.startsWith("${aws_s3_bucket."), resource));
        }
        assertEquals(List.of("s3:GetObject", "s3:ListBucket"), actions);
    }

    @Test
    void roleCarriesTheBoundaryAndIsOutput() {
        JsonNode role = production.resource("aws_iam_role", "monitor/role");
        assertEquals("kube9-charts-production-monitor", role.path("name").asText());
        assertEquals(3600, role.path("max_session_duration").asInt());
        assertTrue(role.path("permissions_boundary").asText().endsWith(":policy/kube9-bootstrap/kube9-charts-permissions-boundary"));
        assertEquals(production.ref("aws_iam_role", "monitor/role", "arn"),
                production.root().path("output").path("monitor_role_arn").path("value").asText());
        assertTrue(production.resources("aws_iam_role_policy_attachment").isEmpty(), "no managed policies");
    }
}
