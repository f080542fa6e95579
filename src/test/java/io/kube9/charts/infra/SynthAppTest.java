package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthAppTest {
    @TempDir
    static Path dir;

    private static Path outdir;
    private static String summary;
    private static int exitCode;

    @BeforeAll
    static void synthesizeTheDefaults() {
        outdir = dir.resolve("out");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exitCode = SynthApp.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--outdir", outdir.toString());
        summary = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesEachDefaultStackToItsOwnDirectory() {
        assertEquals(0, exitCode);
        assertTrue(Files.isRegularFile(outdir.resolve("stacks/kube9-charts-production/cdk.tf.json")));
        assertTrue(Files.isRegularFile(outdir.resolve("stacks/" + BootstrapStack.STACK_NAME + "/cdk.tf.json")));
    }

    @Test
    void summaryNamesStackFileResourcesAndOutputs() {
        assertTrue(summary.startsWith("Synthesized 2 stacks for environment 'production' (https://charts.kube9.io) into " + outdir),
                summary);
        Path production = outdir.resolve("stacks/kube9-charts-production/cdk.tf.json");
        int resources = 0;
        for (JsonNode byType : StackJson.read(production).root().path("resource")) {
            resources += byType.size();
        }
        assertTrue(summary.contains("\n  kube9-charts-production\n    file:         " + production
                + "\n    resources:    " + resources + " (aws_acm_certificate, "), summary);
        assertTrue(summary.contains("\n    outputs:      access_log_bucket_name, alerts_topic_arn, bucket_arn, bucket_name,"
                + " distribution_domain_name, distribution_id, index_probe_health_check_id, lifecycle_role_arn,"
                + " monitor_role_arn, oci_repository_url, publisher_role_arns, replica_bucket_name,"
                + " repository_url, stats_athena_workgroup, stats_glue_database, stats_glue_table,"
                + " stats_log_bucket_name, stats_log_prefix, stats_query_results_bucket_name, stats_role_arn\n"), summary);
    }

    @Test
    void configOptionSynthesizesAnotherEnvironment() {
        Path stagingOut = dir.resolve("staging-out");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SynthApp.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "--config", "config/staging.yaml", "--outdir", stagingOut.toString());
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Synthesized 2 stacks for environment 'staging'"
                + " (https://charts-staging.kube9.io) into " + stagingOut), out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(stagingOut.resolve("stacks/kube9-charts-staging/cdk.tf.json")));
    }

    @Test
    void invalidConfigFailsBeforeSynthesisAndWritesNothing() throws IOException {
        Path overlay = dir.resolve("bad.yaml");
        Files.writeString(overlay, "cdn:\n  priceClass: cheapest\n");
        Path badOut = dir.resolve("bad-out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = SynthApp.run(System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                "--config", overlay.toString(), "--outdir", badOut.toString());

        assertEquals(2, code);
        assertEquals("Invalid configuration: " + overlay + ": cdn.priceClass: 'cheapest' is not a CloudFront price class. Fix: use"
                + " one of PriceClass_100, PriceClass_200, PriceClass_All.\nNothing was synthesized.\n",
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(badOut), "nothing may be written for an invalid configuration");
    }

    @Test
    void unknownOptionIsRejectedWithTheLikelyOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SynthApp.run(System.out, new PrintStream(err, true, StandardCharsets.UTF_8), "--confg", "x.yaml");
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("Unknown options: '--confg', 'x.yaml'\nPossible solutions: --config\n", message);
    }

}
