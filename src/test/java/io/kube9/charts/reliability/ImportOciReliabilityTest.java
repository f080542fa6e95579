package io.kube9.charts.reliability;

import java.time.Clock;
import io.kube9.charts.oci.OciMirror;
import io.kube9.charts.repository.ChartRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.migration.HttpSource;
import io.kube9.charts.migration.ImportReport;
import io.kube9.charts.migration.Importer;
import io.kube9.charts.migration.LegacyRepository;
import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.S3ObjectStore;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.reliability.FaultMatrixWithRecordedCloudFrontFakeTest.Mode;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OCI step of `import --oci-repository`: registry faults on the tag read and the manifest write, and a
 * kill -9 while a manifest write is held, between the real importer, a real S3 API server and a real
 * registry behind a {@link FaultProxy}. The source is the legacy repository built with the real Helm
 * ({@link LegacySource}); each case's bucket and OCI repository hold one chart published to both
 * beforehand. Whatever the first run did, both channels satisfy their invariants ({@link RepositoryState},
 * {@link OciChannelState}), and re-running the import without faults completes both. Outcomes go to
 * {@code target/reliability/import-oci.md}.
 */
class ImportOciReliabilityTest {
    private static final List<String> TAGS = LegacyRepository.VERSIONS.stream().map(OciRepository::tagOf).toList();
    /** The version whose manifest write a fault on the first request, and the kill, hit: the one with build metadata. */
    private static final String BUILD_TAG = OciRepository.tagOf("2.0.1+build.5");
    private static final OutcomeTable OUTCOMES = new OutcomeTable("import-oci.md", "case", "first import", "re-run (no faults)");
    private static final AtomicInteger CASES = new AtomicInteger();

    @TempDir
    static Path work;
    private static OciProxiedRepository services;
    private static LegacySource legacy;

    /** A registry request of the OCI step: the tag reads (HEAD of the manifest) or the manifest writes. */
    enum Step {
        TAG_READ("tag read", "HEAD"), MANIFEST_WRITE("manifest write", "PUT");

        final String label;
        final String method;

        Step(String label, String method) {
            this.label = label;
            this.method = method;
        }
    }

    record FaultCase(Step step, Fault fault, Mode mode) {
        @Override
        public String toString() {
            return step.label + " x " + fault + " x " + mode;
        }

        /** The first request for the build-metadata version's tag, or every request for every tag. */
        List<Rule> rules() {
            return mode == Mode.ONCE ? List.of(mode.rule(step.method, "/manifests/" + BUILD_TAG, fault))
                    : TAGS.stream().map(tag -> mode.rule(step.method, "/manifests/" + tag, fault)).toList();
        }
    }

    @BeforeAll
    static void start() {
        services = new OciProxiedRepository(Duration.ofMillis(300), List.of("base", LegacyRepository.CHART));
        legacy = new LegacySource(work);
        S3MockServer.useCredentialsInThisJvm();
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.write("");
        legacy.close();
        services.close();
    }

    /** The manifest write with each fault on its first request and on every request; the tag read failing on every request. */
    static Stream<FaultCase> cases() {
        return Stream.of(
                new FaultCase(Step.MANIFEST_WRITE, Fault.INTERNAL_ERROR_500, Mode.ONCE),
                new FaultCase(Step.MANIFEST_WRITE, Fault.INTERNAL_ERROR_500, Mode.ALWAYS),
                new FaultCase(Step.MANIFEST_WRITE, Fault.RESPONSE_LOST, Mode.ONCE),
                new FaultCase(Step.MANIFEST_WRITE, Fault.RESPONSE_LOST, Mode.ALWAYS),
                new FaultCase(Step.MANIFEST_WRITE, Fault.HANG, Mode.ONCE),
                new FaultCase(Step.TAG_READ, Fault.INTERNAL_ERROR_500, Mode.ALWAYS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothChannelsStayConsistentAndTheReRunCompletesTheImport(FaultCase faultCase) {
        OciProxiedRepository.Repository repository = services.create("import-oci-" + CASES.incrementAndGet());

        services.proxy.reset();
        faultCase.rules().forEach(services.proxy::inject);
        String first = importThroughProxy(repository, OciFaultMatrixTest.CALL_TIMEOUT);
        int faults = services.proxy.faultsInjected();
        services.proxy.reset();
        assertTrue(faults > 0, "the fault was never triggered: the step's requests did not match");
        services.assertInvariants(repository);
        long stored = services.state(repository.bucket()).objects().keySet().stream()
                .filter(key -> key.startsWith(LegacyRepository.CHART) && key.endsWith(".tgz")).count();
        int tags = services.registry.tags(repository.ociPath() + "/" + LegacyRepository.CHART).size();

        String reRun = importThroughProxy(repository, OciFaultMatrixTest.RE_RUN_CALL_TIMEOUT);
        assertTrue(reRun.startsWith("completed"), "the re-run without faults must complete; it " + reRun);
        assertCompleted(repository);
        OUTCOMES.add(faultCase.step().label + " x " + faultCase.fault() + " on " + (faultCase.mode() == Mode.ONCE
                ? "the first request (" + BUILD_TAG + ")" : "every request"), first + "; left " + stored + " packages stored, " + tags
                + " tags", reRun);
    }

    /** kill -9 of `import` (its own JVM) while the manifest write of one version is held after the registry applied it. */
    @Test
    void aKilledImportAtTheOciStepLeavesBothChannelsConsistentAndTheReRunCompletesIt() throws Exception {
        OciProxiedRepository.Repository repository = services.create("import-oci-crash-" + CASES.incrementAndGet());
        List<String> arguments = List.of("import", "--from-url", legacy.front.url(), "--bucket", repository.bucket(),
                "--endpoint", services.s3.endpoint().toString(), "--path-style", "--region", S3MockServer.REGION.id(),
                "--repo-url", PublisherHarness.REPOSITORY_URL, "--repo-name", "test", "--no-landing-page",
                "--oci-repository", services.ociRepository(repository), "--oci-plain-http");

        services.proxy.reset();
        CliProcess.killWhileHeld(services.proxy, Rule.once("PUT", "/manifests/" + BUILD_TAG, Fault.HOLD_AFTER_APPLYING), List.of(),
                arguments, Files.createTempDirectory(work, "logs-"));
        services.assertInvariants(repository);
        assertTrue(services.registry.tags(repository.ociPath() + "/" + LegacyRepository.CHART).contains(BUILD_TAG),
                "the held manifest write was applied");

        services.proxy.reset();
        CliRun reRun = CliRun.of(arguments);
        assertEquals(0, reRun.exitCode(), () -> "re-run failed: " + reRun.out() + reRun.err());
        assertCompleted(repository);
        assertTrue(reRun.out().contains("already published " + LegacyRepository.CHART + " 2.0.1+build.5  oci://"),
                () -> "the re-run must report the tag the killed run wrote:\n" + reRun.out());
        OUTCOMES.add("kill -9 while the manifest write of " + BUILD_TAG + " was held (applied)", "killed", OutcomeTable.cell(reRun.out()));
    }

    private static String importThroughProxy(OciProxiedRepository.Repository repository, Duration callTimeout) {
        String oci = services.ociRepository(repository);
        try (RegistryClient client = services.connect(oci, callTimeout)) {
            ImportReport report = new Importer(new HttpSource(URI.create(legacy.front.url()), HttpSource.RETRY), ChartRepository.open(new S3ObjectStore(services.direct, repository.bucket()), OciProxiedRepository.settings(oci, FaultMatrixWithRecordedCloudFrontFakeTest.FAST_RETRY), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT), new OciMirror(client, FaultMatrixWithRecordedCloudFrontFakeTest.FAST_RETRY, Progress.SILENT), 4)
                    .run(false);
            String summary = report.count(ImportReport.Status.IMPORTED) + " imported, " + report.count(ImportReport.Status.UNREACHABLE)
                    + " not reached, " + report.entries().stream().filter(e -> e.ociStatus() != null)
                    .map(e -> e.ociStatus().toString().toLowerCase().replace('_', ' ').replace("uploaded", "pushed"))
                    .sorted().distinct().toList() + " in the registry, index " + (report.indexWritten() ? "written" : "unchanged");
            return (report.hasProblems() ? "exit 4: " : report.incomplete() ? "exit 5: " : "completed: ") + summary;
        } catch (PublishingException | StorageException e) {
            return OutcomeTable.failure(e);
        }
    }

    /** Both channels hold every legacy version (and the chart published before), byte for byte. */
    private static void assertCompleted(OciProxiedRepository.Repository repository) {
        services.assertInvariants(repository);
        RepositoryState bucket = services.state(repository.bucket());
        legacy.repository.assertImported(bucket.objects(), PublisherHarness.REPOSITORY_URL);
        assertEquals(1 + LegacyRepository.VERSIONS.size(), bucket.entries().size(), "base and every legacy version indexed");
        OciChannelState oci = services.oci(repository);
        assertEquals(1 + LegacyRepository.VERSIONS.size(), oci.tags().size(), oci.tags().keySet().toString());
    }
}
