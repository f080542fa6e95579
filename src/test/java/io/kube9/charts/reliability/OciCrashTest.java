package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.oci.HelmChartArtifact;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of the publisher (the CLI as its own OS process) at the OCI steps of a publish: the fault proxy
 * holds the step's first request to the registry, before or after the registry applied it, and the test
 * kills the process while it waits. Afterwards both channels satisfy their invariants, and re-running the
 * same command completes the publish, reporting what was already there. Outcomes go to
 * {@code target/reliability/oci-crashes.md}.
 */
class OciCrashTest {
    private static final ChartArchive APP = PublisherHarness.chart("app", "1.0.0", true);
    private static final HelmChartArtifact ARTIFACT = HelmChartArtifact.of(APP, Instant.EPOCH);
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final OutcomeTable OUTCOMES = new OutcomeTable("oci-crashes.md", "killed while", "the request had", "re-run reported");
    private static OciProxiedRepository services;

    @BeforeAll
    static void start() {
        services = new OciProxiedRepository(FaultProxy.DEFAULT_SLOW_RESPONSE_DELAY);
        S3MockServer.useCredentialsInThisJvm();
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.write("");
        services.close();
    }

    /** A request of the OCI push to hold, and whether the registry applies it first. */
    record KillPoint(String label, String method, String suffix, Fault hold) {
        @Override
        public String toString() {
            return label + (hold == Fault.HOLD ? " (before it is applied)" : " (after it is applied)");
        }
    }

    /**
     * The three states a kill can leave in the registry: nothing yet (the packages are in the bucket), the
     * blobs without the tag, the tag without the index entry. (A kill before the packages is the classic
     * crash test's.)
     */
    static Stream<KillPoint> killPoints() {
        return Stream.of(
                new KillPoint("chart layer upload", "PUT", "digest=" + ARTIFACT.chartDigest(), Fault.HOLD),
                new KillPoint("manifest write", "PUT", "/manifests/1.0.0", Fault.HOLD),
                new KillPoint("manifest write", "PUT", "/manifests/1.0.0", Fault.HOLD_AFTER_APPLYING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void killedPublisherLeavesBothChannelsConsistentAndTheReRunCompletesIt(KillPoint kill) throws Exception {
        OciProxiedRepository.Repository repository = services.create("oci-crash-" + CASES.incrementAndGet());
        Path charts = Files.createTempDirectory("oci-crash-");
        Path tgz = Files.write(charts.resolve(APP.packageKey()), APP.content());
        Files.write(charts.resolve(APP.provenanceKey()), APP.provenance().orElseThrow());
        List<String> arguments = List.of("publish", "--bucket", repository.bucket(), "--endpoint", services.s3.endpoint().toString(),
                "--path-style", "--region", S3MockServer.REGION.id(), "--repo-url", PublisherHarness.REPOSITORY_URL, "--no-landing-page",
                "--oci-repository", services.ociRepository(repository), "--oci-plain-http", tgz.toString());

        services.proxy.reset();
        CliProcess.killWhileHeld(services.proxy, Rule.once(kill.method(), kill.suffix(), kill.hold()), List.of(), arguments, charts);
        services.assertInvariants(repository);
        boolean tagWasThere = services.oci(repository).tags().containsKey("app:1.0.0");

        services.proxy.reset();
        CliRun reRun = CliRun.of(arguments);
        assertEquals(0, reRun.exitCode(), () -> "re-run failed: " + reRun.err());
        services.assertInvariants(repository);
        services.assertCompleted(repository, APP);
        assertEquals(tagWasThere, reRun.out().contains("already published  app 1.0.0  oci://"),
                () -> "the re-run must report what was already there:\n" + reRun.out());
        OUTCOMES.add(kill.label(), kill.hold() == Fault.HOLD ? "not reached the registry" : "been applied by the registry",
                OutcomeTable.cell(reRun.out()));
    }
}
