package io.kube9.charts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.oci.OciPublisher;
import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.oci.RegistryAccess;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.OciRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `publish` and `verify` with --oci-repository through the CLI, against a real registry on loopback. */
class OciCommandsTest {
    private static final AtomicInteger REPOSITORIES = new AtomicInteger();
    private static OciRegistryServer registry;

    @TempDir
    Path work;
    private Path repo;
    private String oci;

    @BeforeAll
    static void startRegistry() {
        registry = OciRegistryServer.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void newRepository() {
        repo = work.resolve("repo");
        oci = "oci://" + registry.host() + "/cli" + REPOSITORIES.incrementAndGet();
    }

    private Path packageFile(ChartArchive chart) throws Exception {
        Path file = Files.createDirectories(work.resolve("in-" + Sha256.hex(chart.content()))).resolve(chart.packageKey());
        Files.write(file, chart.content());
        if (chart.provenance().isPresent()) {
            Files.write(file.resolveSibling(chart.provenanceKey()), chart.provenance().get());
        }
        return file;
    }

    private CliRun publish(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("publish", "--local-dir", repo.toString(), "--oci-repository", oci, "--oci-plain-http"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun verify() {
        return CliRun.of("verify", "--local-dir", repo.toString(), "--oci-repository", oci, "--oci-plain-http");
    }

    /** Pushes a chart to the OCI repository only (as another tool would), leaving the directory alone. */
    private void pushOnly(ChartArchive chart) {
        try (RegistryClient client = RegistryClient.connect(OciRepository.parse(oci), RegistryAccess.defaults().withPlainHttp(true)
                .withEnvironment(Map.of("HOME", work.toString())), Progress.SILENT)) {
            new OciPublisher(client, RetryPolicy.DEFAULT, Progress.SILENT).publish(List.of(chart), Instant.now());
        }
    }

    @Test
    void publishesToBothChannelsAndSaysWhatItDid() throws Exception {
        Path chart = packageFile(TestCharts.archive("demo", "1.0.0+build.1"));

        CliRun run = publish(chart.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("uploaded           demo 1.0.0+build.1  https://charts.kube9.io/demo-1.0.0%2Bbuild.1.tgz\n"
                + "pushed             demo 1.0.0+build.1  " + oci + "/demo:1.0.0_build.1\n"
                + "index.yaml: added demo 1.0.0+build.1 (attempts: 1)\nindex.html: updated\n", run.out());
        assertTrue(run.err().contains("pushed " + oci + "/demo:1.0.0_build.1 (chart layer sha256:"), run.err());

        CliRun again = publish("--output", "json", chart.toString());
        assertEquals(0, again.exitCode(), again.err());
        JsonNode outcome = new ObjectMapper().readTree(again.out()).path("charts").path(0);
        assertEquals(oci + "/demo:1.0.0_build.1", outcome.path("oci").asText());
        assertEquals("ALREADY_PUBLISHED", outcome.path("ociStatus").asText());

        CliRun verified = verify();
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.err().contains("verify: 1 tags in " + oci), verified.err());
    }

    @Test
    void aTagHoldingOtherBytesExitsFourAndNothingIsWritten() throws Exception {
        pushOnly(new ChartArchiveReader().read("demo-1.0.0.tgz",
                ChartArchiveBuilder.chart("demo", "1.0.0").file("demo/NOTES.txt", "other build").tgz(), Optional.empty()));

        CliRun run = publish(packageFile(TestCharts.archive("demo", "1.0.0")).toString());

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().contains("\nerror: " + oci + "/demo:1.0.0 is already published with chart layer sha256:"), run.err());
        assertFalse(Files.exists(repo.resolve("demo-1.0.0.tgz")));
    }

    @Test
    void verifyListsEveryVersionWhoseTagDoesNotHoldTheIndexedBytes() throws Exception {
        ChartArchive missing = TestCharts.archive("demo", "1.0.0");
        ChartArchive other = TestCharts.archive("demo", "2.0.0");
        ChartArchive unsigned = TestCharts.archive("demo", "3.0.0");
        ChartArchive signed = new ChartArchiveReader().read(unsigned.packageKey(), unsigned.content(), Optional.of(
                ChartArchiveBuilder.provenance("demo", "3.0.0", unsigned.digest())));
        assertEquals(0, CliRun.of("publish", "--local-dir", repo.toString(), packageFile(missing).toString(),
                packageFile(other).toString(), packageFile(signed).toString()).exitCode());
        ChartArchive otherBytes = new ChartArchiveReader().read("demo-2.0.0.tgz",
                ChartArchiveBuilder.chart("demo", "2.0.0").file("demo/NOTES.txt", "other build").tgz(), Optional.empty());
        pushOnly(otherBytes);
        pushOnly(unsigned);

        CliRun run = verify();

        assertEquals(4, run.exitCode(), run.err());
        assertEquals(List.of(
                "problem: demo 3.0.0: " + oci + "/demo:3.0.0 has no provenance layer, but the bucket has the .prov: run `publish`"
                        + " with the package and its .prov again (it adds the layer)",
                "problem: demo 2.0.0: " + oci + "/demo:2.0.0 has chart layer sha256:" + otherBytes.digest() + " but the index says"
                        + " sha256:" + other.digest() + " (Helm gets other bytes from the two channels)",
                "problem: demo 1.0.0: " + oci + "/demo:1.0.0 is missing (helm install from it fails): run `publish` with the"
                        + " package again (it pushes what is missing)"),
                run.out().lines().filter(line -> line.startsWith("problem: ")).toList());

        assertEquals(0, publish(packageFile(missing).toString(), packageFile(signed).toString()).exitCode(),
                "publish completes the missing tag and the provenance layer");
        assertEquals(1, verify().out().lines().filter(line -> line.startsWith("problem: ")).count(), "only the other bytes remain");
    }

    @Test
    void badOciOptionsAreUsageErrors() throws Exception {
        Path chart = packageFile(TestCharts.archive("demo", "1.0.0"));

        CliRun scheme = CliRun.of("publish", "--local-dir", repo.toString(), "--oci-repository", "https://ghcr.io/x", chart.toString());
        assertEquals(2, scheme.exitCode());
        assertTrue(scheme.err().startsWith("Invalid value for option '--oci-repository': https://ghcr.io/x: it does not start with"
                + " oci://. Write it as oci://HOST[:PORT]/PATH"), scheme.err());

        CliRun plain = CliRun.of("publish", "--local-dir", repo.toString(), "--oci-plain-http", chart.toString());
        assertEquals(2, plain.exitCode());
        assertTrue(plain.err().startsWith("--oci-plain-http needs --oci-repository oci://HOST[:PORT]/PATH"), plain.err());

        CliRun config = publish("--registry-config", work.resolve("none.json").toString(), chart.toString());
        assertEquals(2, config.exitCode());
        assertTrue(config.err().startsWith(work.resolve("none.json") + ": no such file (given with --registry-config)"), config.err());
        assertFalse(Files.exists(repo), "nothing was written");
    }

    @Test
    void helpExplainsTheOciOptions() {
        CliRun help = CliRun.of("publish", "--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--oci-repository=oci://HOST[:PORT]/PATH", "--oci-plain-http", "--registry-config=FILE")) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        assertFalse(help.out().contains("--ecr-public-endpoint"), "test-only options stay hidden");
        assertTrue(CliRun.of("verify", "--help").out().contains("--oci-repository=oci://HOST[:PORT]/PATH"));
    }
}
