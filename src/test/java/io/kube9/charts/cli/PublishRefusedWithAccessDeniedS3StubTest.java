package io.kube9.charts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.testing.AccessDeniedS3Stub;
import io.kube9.charts.testing.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `publish` of a chart the role may not write, against {@link AccessDeniedS3Stub} (S3 refusing as IAM would): exit 4
 * with a message naming the chart and where the allowed charts are configured; one request, not retried, nothing written.
 */
class PublishRefusedWithAccessDeniedS3StubTest {
    @TempDir
    Path work;

    @BeforeAll
    static void credentials() {
        S3MockServer.useCredentialsInThisJvm();
    }

    @Test
    void aChartOfAnotherRepositoryIsRefusedWithWhereItsAllowedListIsConfigured() throws Exception {
        Path chart = Files.write(work.resolve("kube9-agent-1.2.0.tgz"), TestCharts.packageOf("kube9-agent", "1.2.0"));
        try (AccessDeniedS3Stub s3 = AccessDeniedS3Stub.start()) {
            CliRun run = CliRun.of("publish", "--bucket", "kube9-charts-production", "--endpoint", s3.endpoint().toString(),
                    "--path-style", "--region", "us-east-1", "--distribution-id", "E2EXAMPLE", chart.toString());

            assertEquals(ExitCodes.CONFLICT, run.exitCode(), run.err());
            assertTrue(run.err().contains("error: could not read s3://kube9-charts-production/kube9-agent-1.2.0.tgz: AWS refused"
                    + " access (403 AccessDenied): the role in use may not publish the chart 'kube9-agent'."), run.err());
            assertTrue(run.err().contains("publishing.repositories[].charts in the chart hosting project's configuration"), run.err());
            assertEquals(List.of("GET /kube9-charts-production/kube9-agent-1.2.0.tgz"), s3.requests(),
                    "refused before anything is written, and not retried");
        }
    }
}
