package io.kube9.charts.reliability;

import java.time.Clock;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.PackageMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.migration.HttpSource;
import io.kube9.charts.migration.ImportReport;
import io.kube9.charts.migration.Importer;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.reliability.FaultMatrixWithRecordedCloudFrontFakeTest.FaultCase;
import io.kube9.charts.reliability.FaultMatrixWithRecordedCloudFrontFakeTest.Mode;
import io.kube9.charts.testing.FaultProxy.Fault;
import java.io.IOException;
import java.net.URI;
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
 * The import's write path x faults, between the real importer and a real S3 API server (and the
 * CloudFront fake), with the publisher's harness: whatever the first run did, the repository satisfies
 * its invariants, and re-running the same import without faults completes it (every legacy version
 * byte for byte, the CDN told). The landing page and invalidation steps are the publisher's own
 * (RepositoryRefresh) and covered by its matrix. Outcomes go to {@code target/reliability/import-fault-matrix.md}.
 */
class ImportFaultMatrixWithRecordedCloudFrontFakeTest {
    /** The import's writes; its one read of the index is the publisher's (the same store call), in the publisher's matrix. */
    private static final List<PublishStep> STEPS = List.of(PublishStep.PACKAGE_UPLOAD, PublishStep.PROVENANCE_UPLOAD,
            PublishStep.INDEX_WRITE);
    /**
     * On the first request: a write S3 applied whose answer is lost (the create-only and compare-and-swap
     * paths that find their own write), and a hang past the client's timeout. The SDK-level retries of
     * 500, 503, 409 and resets are the publisher's matrix's (the same store and updater).
     */
    private static final List<Fault> ONCE = List.of(Fault.RESPONSE_LOST, Fault.HANG);
    private static final OutcomeTable OUTCOMES = new OutcomeTable("import-fault-matrix.md", "step", "fault", "on", "first import",
            "re-run (no faults)");
    private static final AtomicInteger CASES = new AtomicInteger();

    @TempDir
    static Path work;
    private static ProxiedRepository services;
    private static LegacySource legacy;

    @BeforeAll
    static void start() {
        services = new ProxiedRepository(Duration.ofMillis(300));
        legacy = new LegacySource(work);
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.write("");
        legacy.close();
        services.close();
    }

    /** Every step with each fault on its first request (the clients retry), and a 500 on every request (the import fails, exit 5). */
    static Stream<FaultCase> cases() {
        return STEPS.stream().flatMap(step -> Stream.concat(ONCE.stream().map(fault -> new FaultCase(step, fault, Mode.ONCE)),
                Stream.of(new FaultCase(step, Fault.INTERNAL_ERROR_500, Mode.ALWAYS))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void repositoryStaysConsistentAndTheReRunCompletesTheImport(FaultCase faultCase) {
        ProxiedRepository.Repository repository = services.create("import-faults-" + CASES.incrementAndGet());

        services.resetFaults();
        services.proxyFor(faultCase.step()).inject(faultCase.rule());
        String first = importThroughProxies(repository);
        int faults = services.s3Proxy.faultsInjected() + services.cdnProxy.faultsInjected();
        services.resetFaults();
        assertTrue(faults > 0, "the fault was never triggered: the step's requests did not match");
        RepositoryState afterFault = services.state(repository.bucket());
        afterFault.assertInvariants(repository.before());

        String reRun = importThroughProxies(repository);
        assertTrue(reRun.startsWith("completed"), "the re-run without faults must complete; it " + reRun);
        services.state(repository.bucket()).assertInvariants(afterFault);
        legacy.assertImportedInto(services, repository);
        OUTCOMES.add(faultCase.step().label, faultCase.fault(), faultCase.mode().requests(), first, reRun);
    }

    /** After a complete import, a re-run sends S3 no write at all. */
    @Test
    void aReRunAfterCompletionSendsNoWrite() {
        ProxiedRepository.Repository repository = services.create("import-rerun-" + CASES.incrementAndGet());
        assertTrue(importThroughProxies(repository).startsWith("completed"));
        RepositoryState complete = services.state(repository.bucket());
        services.resetFaults();

        assertEquals("completed: 0 imported, 5 already imported, index unchanged", importThroughProxies(repository));

        assertEquals(List.of(), services.s3Proxy.seen().stream().filter(seen -> !seen.method().equals("GET")
                && !seen.method().equals("HEAD")).toList());
        assertEquals(complete.objects().keySet(), services.state(repository.bucket()).objects().keySet());
        services.state(repository.bucket()).assertInvariants(complete);
    }

    private static String importThroughProxies(ProxiedRepository.Repository repository) {
        try (PublisherHarness harness = new PublisherHarness(services.s3Proxy.endpoint(), repository.bucket(),
                services.cdnProxy.endpoint(), repository.distribution(), FaultMatrixWithRecordedCloudFrontFakeTest.FAST_RETRY,
                FaultMatrixWithRecordedCloudFrontFakeTest.ATTEMPT_TIMEOUT)) {
            RepositorySettings settings = RepositorySettings.defaults(PublisherHarness.REPOSITORY_URL).withRepositoryName("test")
                    .withRetry(FaultMatrixWithRecordedCloudFrontFakeTest.FAST_RETRY);
            ImportReport report = new Importer(new HttpSource(URI.create(legacy.front.url()), HttpSource.RETRY), ChartRepository.open(harness.store(), settings, harness.invalidator(), Clock.systemUTC(), Progress.SILENT), PackageMirror.NONE, 4).run(false);
            if (report.hasProblems() || report.incomplete()) {
                return "exit " + (report.hasProblems() ? 4 : 5) + ": " + report.count(ImportReport.Status.IMPORTED) + " imported, "
                        + report.count(ImportReport.Status.UNREACHABLE) + " not reached, index " + (report.indexWritten() ? "written" : "unchanged");
            }
            return "completed: " + report.count(ImportReport.Status.IMPORTED) + " imported, "
                    + report.count(ImportReport.Status.ALREADY_IMPORTED) + " already imported, index "
                    + (report.indexWritten() ? "written" : "unchanged");
        } catch (PublishingException | StorageException e) {
            return OutcomeTable.failure(e);
        }
    }
}
