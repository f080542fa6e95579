package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.infra.constructs.BucketReplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second region of the synthesized production stack: S3 replication into the replica with a role that can only
 * replicate, and the origin group that sends reads to the replica when the chart bucket fails; no role of a
 * publisher, of the lifecycle workflow or of the monitor can write the replica. The replica's own defaults and policy
 * are in ChartBucketSecurityTest.
 */
class ReplicaFailoverTest {
    private static final String REPLICA = "replica-bucket/bucket";

    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson withoutReplica;
    private static String chartArn;
    private static String replicaArn;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        withoutReplica = Synthesized.chartHostingStack(dir, "bucket:\n  replica: null\n");
        chartArn = production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn");
        replicaArn = production.ref("aws_s3_bucket", REPLICA, "arn");
    }

    @Test
    void everyBehaviourReadsThroughTheOriginGroupChartBucketFirst() {
        JsonNode distribution = production.resource("aws_cloudfront_distribution", "cdn/distribution");
        JsonNode group = distribution.path("origin_group");
        assertEquals(1, group.size());
        assertEquals("chart-buckets", group.get(0).path("origin_id").asText());
        List<String> members = new ArrayList<>();
        group.get(0).path("member").forEach(member -> members.add(member.path("origin_id").asText()));
        assertEquals(List.of("chart-bucket", "replica-bucket"), members, "primary first, every request tries it first");
        List<String> targets = new ArrayList<>(List.of(distribution.path("default_cache_behavior").path("target_origin_id").asText()));
        distribution.path("ordered_cache_behavior").forEach(behaviour -> targets.add(behaviour.path("target_origin_id").asText()));
        assertEquals(List.of("chart-buckets", "chart-buckets", "chart-buckets"), targets);
    }

    /** S3's own failures fail over; 403 and 404 are answers about the object (missing, deleted) and do not. */
    @Test
    void failsOverOnServerErrorsOnlyNotOnMissingOrRefusedObjects() {
        JsonNode criteria = production.resource("aws_cloudfront_distribution", "cdn/distribution")
                .path("origin_group").get(0).path("failover_criteria");
        List<Integer> codes = new ArrayList<>();
        criteria.path("status_codes").forEach(code -> codes.add(code.asInt()));
        assertEquals(List.of(500, 502, 503, 504), codes);
    }

    @Test
    void withoutAReplicaThereIsOneOriginAndNoGroup() {
        JsonNode distribution = withoutReplica.resource("aws_cloudfront_distribution", "cdn/distribution");
        assertTrue(distribution.path("origin_group").isMissingNode());
        assertEquals(1, distribution.path("origin").size());
        assertEquals("chart-bucket", distribution.path("default_cache_behavior").path("target_origin_id").asText());
        assertTrue(withoutReplica.resources("aws_s3_bucket_replication_configuration").isEmpty());
        assertFalse(withoutReplica.root().path("provider").toString().contains("\"replica\""));
        assertTrue(withoutReplica.root().path("output").path("replica_bucket_name").isMissingNode());
        assertEquals(List.of("kube9-charts-production", "kube9-charts-production-logs", "kube9-charts-production-query-results",
                "kube9-charts-production-request-logs"), withoutReplica.bucketNames(), "every bucket but the replica");
    }

    @Test
    void everyObjectAndDeleteMarkerIsReplicatedOnceBothBucketsAreVersioned() {
        JsonNode replication = production.resource("aws_s3_bucket_replication_configuration", "replication/configuration");
        assertEquals(production.ref("aws_s3_bucket", "chart-bucket/bucket", "id"), replication.path("bucket").asText());
        assertEquals(production.ref("aws_iam_role", "replication/role", "arn"), replication.path("role").asText());
        JsonNode rule = replication.path("rule").get(0);
        assertEquals(1, replication.path("rule").size());
        assertEquals("Enabled", rule.path("status").asText());
        assertEquals("", rule.path("filter").path("prefix").asText("missing"), "every object");
        assertEquals("Enabled", rule.path("delete_marker_replication").path("status").asText(),
                "a deleted object does not live on in the replica");
        assertEquals(replicaArn, rule.path("destination").path("bucket").asText());
        assertEquals(List.of(production.address("aws_s3_bucket_versioning", "chart-bucket/versioning"),
                production.address("aws_s3_bucket_versioning", "replica-bucket/versioning")), strings(replication.path("depends_on")));
        assertEquals(production.ref("aws_s3_bucket", REPLICA, "bucket"), production.root().path("output")
                .path("replica_bucket_name").path("value").asText());
    }

    @Test
    void replicationRoleIsAssumedByS3AndCanOnlyReplicateThisBucketIntoTheReplica() {
        JsonNode trust = production.statement("replication/trust-policy", "S3ReplicatesThisBucket");
        assertEquals(List.of("Service:s3.amazonaws.com"), principals(trust));
        assertEquals(List.of("sts:AssumeRole"), strings(trust.path("actions")));
        JsonNode role = production.resource("aws_iam_role", "replication/role");
        assertEquals("kube9-charts-production-replication", role.path("name").asText());
        assertTrue(role.path("permissions_boundary").asText().endsWith(":policy/kube9-bootstrap/kube9-charts-permissions-boundary"));

        JsonNode policy = production.data("aws_iam_policy_document", "replication/permissions-policy");
        assertEquals(3, policy.path("statement").size());
        assertStatement(production.statement("replication/permissions-policy", "ReadSourceReplicationConfiguration"),
                BucketReplication.SOURCE_BUCKET_ACTIONS, List.of(chartArn));
        assertStatement(production.statement("replication/permissions-policy", "ReadSourceObjectVersions"),
                BucketReplication.SOURCE_OBJECT_ACTIONS, List.of(chartArn + "/*"));
        assertStatement(production.statement("replication/permissions-policy", "ReplicateToReplica"),
                BucketReplication.REPLICA_OBJECT_ACTIONS, List.of(replicaArn + "/*"));
        assertEquals(List.of("s3:GetReplicationConfiguration", "s3:ListBucket"), BucketReplication.SOURCE_BUCKET_ACTIONS);
        assertEquals(List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"),
                BucketReplication.SOURCE_OBJECT_ACTIONS);
        assertEquals(List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"), BucketReplication.REPLICA_OBJECT_ACTIONS);
    }

    private static void assertStatement(JsonNode statement, List<String> actions, List<String> resources) {
        assertEquals("Allow", statement.path("effect").asText());
        assertEquals(actions, strings(statement.path("actions")));
        assertEquals(resources, strings(statement.path("resources")));
    }

    /**
     * The replica is written by S3 replication only: every S3 write of the publisher, lifecycle and monitor roles names
     * the chart bucket's own objects (none names the replica, a wildcard or "*"), and only the monitor reads the replica.
     * The stats role, which writes the request-log bucket too, names no replica resource at all.
     */
    @Test
    void publisherLifecycleMonitorAndStatsRolesCannotWriteTheReplica() {
        for (String role : List.of("publisher-alto9.kube9-operator", "lifecycle", "monitor")) {
            JsonNode statements = production.data("aws_iam_policy_document", role + "/permissions-policy").path("statement");
            assertTrue(statements.size() > 0, role);
            for (JsonNode statement : statements) {
                assertEquals("Allow", statement.path("effect").asText());
                List<String> resources = strings(statement.path("resources"));
                boolean writesS3 = strings(statement.path("actions")).stream()
                        .anyMatch(action -> action.startsWith("s3:") && !action.startsWith("s3:Get") && !action.startsWith("s3:List"));
                if (writesS3) {
                    resources.forEach(resource -> assertTrue(resource.startsWith(chartArn + "/"), role + " writes " + resource));
                }
                if (resources.stream().anyMatch(resource -> resource.startsWith(replicaArn))) {
                    assertEquals("monitor", role, statement.toString());
                }
            }
        }
        JsonNode stats = production.data("aws_iam_policy_document", "statistics/access/permissions-policy").path("statement");
        assertTrue(stats.size() > 0);
        for (JsonNode statement : stats) {
            strings(statement.path("resources")).forEach(resource ->
                    assertFalse(resource.startsWith(replicaArn), "the stats role names the replica: " + statement));
        }
    }
}
