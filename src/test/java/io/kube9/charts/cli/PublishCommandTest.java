package io.kube9.charts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `publish` end to end on a local directory repository, through the CLI's parsing, output and exit codes. */
class PublishCommandTest {
    @TempDir
    Path work;

    private Path packageFile(String name, String version, byte[] content) throws Exception {
        Path file = work.resolve("in-" + name + "-" + version + "-" + content.length).resolve(name + "-" + version + ".tgz");
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    @Test
    void publishesToALocalDirectoryAndSaysWhatItDid() throws Exception {
        Path repo = work.resolve("repo");
        Path chart = packageFile("demo", "1.0.0", TestCharts.packageOf("demo", "1.0.0"));

        CliRun run = CliRun.of("publish", "--local-dir", repo.toString(), chart.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("uploaded           demo 1.0.0  https://charts.kube9.io/demo-1.0.0.tgz\n"
                + "index.yaml: added demo 1.0.0 (attempts: 1)\nindex.html: updated\n", run.out());
        assertTrue(run.err().contains("uploaded demo-1.0.0.tgz (sha256 "), run.err());
        assertTrue(Files.exists(repo.resolve("demo-1.0.0.tgz")));
        assertTrue(Files.readString(repo.resolve("index.yaml")).contains("\"demo\""));
    }

    @Test
    void jsonOutputForMachinesAndIdempotentRerun() throws Exception {
        Path repo = work.resolve("repo");
        Path chart = packageFile("demo", "1.0.0", TestCharts.packageOf("demo", "1.0.0"));
        CliRun.of("publish", "--local-dir", repo.toString(), chart.toString());

        CliRun again = CliRun.of("publish", "--local-dir", repo.toString(), "--output", "json", chart.toString());

        assertEquals(0, again.exitCode(), again.err());
        JsonNode report = new ObjectMapper().readTree(again.out());
        assertEquals("ALREADY_PUBLISHED", report.path("charts").path(0).path("packageStatus").asText());
        assertFalse(report.path("indexWritten").asBoolean());
    }

    @Test
    void invalidChartExitsThreeAndWritesNothing() throws Exception {
        Path repo = work.resolve("repo");
        Path bad = packageFile("bad", "1.0.0", ChartArchiveBuilder.empty().file("bad/Chart.yaml", "apiVersion: v2\nname: bad\n").tgz());

        CliRun run = CliRun.of("publish", "--local-dir", repo.toString(), bad.toString());

        assertEquals(3, run.exitCode());
        assertEquals("error: bad-1.0.0.tgz: bad/Chart.yaml version: is missing (Helm: chart.metadata.version is required)."
                + " Add `version: <SemVer>` (e.g. 1.0.0) to Chart.yaml and re-package the chart\n", run.err());
        assertFalse(Files.exists(repo), "the repository directory was not even created");
    }

    @Test
    void changedBytesForAPublishedVersionExitFour() throws Exception {
        Path repo = work.resolve("repo");
        CliRun.of("publish", "--local-dir", repo.toString(),
                packageFile("demo", "1.0.0", TestCharts.packageOf("demo", "1.0.0")).toString());
        byte[] indexBefore = Files.readAllBytes(repo.resolve("index.yaml"));

        CliRun run = CliRun.of("publish", "--local-dir", repo.toString(), packageFile("demo", "1.0.0",
                ChartArchiveBuilder.chart("demo", "1.0.0").file("demo/templates/extra.yaml", "# changed\n").tgz()).toString());

        assertEquals(4, run.exitCode());
        assertTrue(run.err().startsWith("error: demo-1.0.0.tgz is already published in "), run.err());
        assertEquals(new String(indexBefore), Files.readString(repo.resolve("index.yaml")));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRun.of("publish", "--no-such-option", "x.tgz").exitCode());
        CliRun bothTargets = CliRun.of("publish", "--bucket", "b", "--local-dir", work.toString(), "x.tgz");
        assertEquals(2, bothTargets.exitCode());
        assertTrue(bothTargets.err().startsWith("give exactly one of --bucket or --local-dir\n"), bothTargets.err());
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = CliRun.of("publish", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("  3   validation error"), run.out());
    }

    @Test
    void keepsArtifactHubRepositoryMetadataWhenAskedTo() throws Exception {
        Path repo = work.resolve("repo");
        Path chart = packageFile("demo", "1.0.0", TestCharts.packageOf("demo", "1.0.0"));

        CliRun run = CliRun.of("publish", "--local-dir", repo.toString(), "--artifacthub-repository-id",
                "0b8b5fd5-4cd5-4a2b-9d2e-8e0a3b1f0c11", chart.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("repositoryID: 0b8b5fd5-4cd5-4a2b-9d2e-8e0a3b1f0c11\n", Files.readString(repo.resolve("artifacthub-repo.yml")));
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        Path repo = work.resolve("repo");
        CliRun run = CliRun.of("publish", "--local-dir", repo.toString(), "--dry-run",
                packageFile("demo", "1.0.0", TestCharts.packageOf("demo", "1.0.0")).toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("would upload       demo 1.0.0  https://charts.kube9.io/demo-1.0.0.tgz\n"
                + "index.yaml: would add demo 1.0.0\ndry run: nothing was written\n", run.out());
        try (var files = Files.list(repo)) {
            assertEquals(List.of(), files.filter(file -> !file.getFileName().toString().startsWith(".")).toList());
        }
    }
}
