package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.testing.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Terraform against the real hashicorp/aws provider (local mirror): {@code terraform init
 * -backend=false} and {@code terraform validate} on every synthesized stack, which also runs the
 * provider's own argument validators. Fails when terraform or the provider mirror is missing.
 */
class TerraformValidateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHART_STACK = "kube9-charts-production";

    @TempDir
    static Path dir;
    private static SynthApp.Synthesis production;
    private static SynthApp.Synthesis staging;
    private static SynthApp.Synthesis existingCertificateAndOwnOidcProvider;
    private static SynthApp.Synthesis parallelWithStaging;
    private static SynthApp.Synthesis live;
    private static SynthApp.Synthesis withoutStatistics;
    private static SynthApp.Synthesis parallelWithoutReplica;
    private static SynthApp.Synthesis liveWithoutReplica;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.all(dir, ConfigLoader.defaults());
        staging = Synthesized.all(dir, ConfigLoader.load(Path.of("config/staging.yaml")));
        existingCertificateAndOwnOidcProvider = Synthesized.all(dir, Synthesized.config(dir, """
                certificate:
                  existingArn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
                github:
                  createOidcProvider: true
                """));
        parallelWithStaging = Synthesized.all(dir, Synthesized.config(dir, CutoverStagesTest.PARALLEL_WITH_STAGING));
        live = Synthesized.all(dir, Synthesized.config(dir, CutoverStagesTest.LIVE_WITH_STAGING));
        withoutStatistics = Synthesized.all(dir, Synthesized.config(dir, "statistics:\n  enabled: false\n"));
        parallelWithoutReplica = Synthesized.all(dir, Synthesized.config(dir, "cutover:\n  stage: parallel\n" + WITHOUT_REPLICA_WITH_ALERTS));
        liveWithoutReplica = Synthesized.all(dir, Synthesized.config(dir, CutoverStagesTest.LIVE_WITH_STAGING + WITHOUT_REPLICA_WITH_ALERTS));
    }

    /** No second region; every optional alerting resource (email subscriptions, billed additional metrics) on. */
    static final String WITHOUT_REPLICA_WITH_ALERTS = """
            bucket:
              replica: null
            alerts:
              emails: [ops@kube9.io, oncall@kube9.io]
              healthCheckIntervalSeconds: 10
              additionalMetrics: true
            """;

    /** Cutover stage parallel, the production default. */
    @Test
    void everyProductionStackIsValidTerraform() throws Exception {
        assertValid(production, production.stacks());
    }

    /** A new name, owned from the start. */
    @Test
    void everyStagingStackIsValidTerraform() throws Exception {
        assertValid(staging, staging.stacks());
    }

    @Test
    void existingCertificateAndCreatedOidcProviderVariantIsValidTerraform() throws Exception {
        assertValid(existingCertificateAndOwnOidcProvider, existingCertificateAndOwnOidcProvider.stacks());
    }

    /**
     * Both stages with a staging name and the legacy distribution's name: the chart stack (in the bootstrap stack
     * the staging name only adds a value to a list).
     */
    @Test
    void bothCutoverStagesWithStagingAndLegacyNamesAreValidTerraform() throws Exception {
        assertValid(parallelWithStaging, List.of(CHART_STACK));
        assertValid(live, List.of(CHART_STACK));
    }

    /** Production validates with the statistics (log delivery, Glue, Athena); this is the stack without them. */
    @Test
    void chartStackWithoutStatisticsIsValidTerraform() throws Exception {
        assertValid(withoutStatistics, List.of(CHART_STACK));
    }

    /** The other side of the replica and alerts switches (the production default has the replica, no subscription). */
    @Test
    void bothCutoverStagesWithoutReplicaAndWithEveryAlertResourceAreValidTerraform() throws Exception {
        assertValid(parallelWithoutReplica, List.of(CHART_STACK));
        assertValid(liveWithoutReplica, List.of(CHART_STACK));
    }

    private static void assertValid(SynthApp.Synthesis synthesis, List<String> stacks) throws Exception {
        assertFalse(stacks.isEmpty());
        for (String stack : stacks) {
            Path work = Files.createTempDirectory(dir, stack);
            Files.copy(synthesis.stackFile(stack), work.resolve("cdk.tf.json"));
            TerraformCli.Result validate = new TerraformCli(work).initWithoutBackend().run("validate", "-json", "-no-color");
            JsonNode report = JSON.readTree(validate.stdout());
            assertTrue(report.path("valid").asBoolean(), () -> stack + ": terraform validate:\n" + validate.output());
            assertEquals(0, report.path("warning_count").asInt(), () -> stack + ": terraform validate warnings:\n" + validate.output());
            assertEquals(0, validate.exitCode());
        }
    }
}
