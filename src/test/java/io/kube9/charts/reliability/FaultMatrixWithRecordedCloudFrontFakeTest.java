package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step of a publish x every fault, between the real publisher and a real S3 API server (and
 * the CloudFront fake): whatever the first run did, the repository satisfies its invariants, and
 * re-running the same publish without faults completes it, including the CDN invalidation. The
 * outcomes are written to {@code target/reliability/fault-matrix.md} for docs/reliability.md.
 */
class FaultMatrixWithRecordedCloudFrontFakeTest {
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50));

    /** The fault on the first matching request only (the clients retry), or on every one (the run fails). */
    enum Mode {
        ONCE, ALWAYS;

        Rule rule(String method, String pathSuffix, Fault fault) {
            return this == ONCE ? Rule.once(method, pathSuffix, fault) : Rule.always(method, pathSuffix, fault);
        }

        /** Which requests it hits, as the outcome tables say. */
        String requests() {
            return this == ONCE ? "first request" : "every request";
        }
    }

    record FaultCase(PublishStep step, Fault fault, Mode mode) {
        @Override
        public String toString() {
            return step.label + " x " + fault + " x " + mode;
        }

        Rule rule() {
            return mode.rule(step.method, step.pathSuffix, fault);
        }
    }

    record Outcome(FaultCase faultCase, String firstRun, int faultsInjected, String reRun) {}

    private static final Fault[] FAULTS = {Fault.INTERNAL_ERROR_500, Fault.SLOW_DOWN_503, Fault.CONFLICT_409,
        Fault.RESET_MID_BODY, Fault.RESPONSE_LOST, Fault.SLOW_RESPONSE, Fault.HANG};
    private static final List<Outcome> OUTCOMES = new ArrayList<>();
    private static final AtomicInteger CASES = new AtomicInteger();
    private static ProxiedRepository services;

    @BeforeAll
    static void start() {
        services = new ProxiedRepository(Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() throws IOException {
        writeReport();
        services.close();
    }

    static Stream<FaultCase> cases() {
        return Arrays.stream(PublishStep.values()).flatMap(step -> Arrays.stream(FAULTS)
                .flatMap(fault -> Arrays.stream(Mode.values()).map(mode -> new FaultCase(step, fault, mode))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void repositoryStaysConsistentAndTheReRunCompletes(FaultCase faultCase) {
        ProxiedRepository.Repository repository = services.create("faults-" + CASES.incrementAndGet());
        ChartArchive app = PublisherHarness.chart("app", "1.0.0", true);

        services.resetFaults();
        services.proxyFor(faultCase.step()).inject(faultCase.rule());
        String firstRun = publishThroughProxies(repository, app);
        int faults = services.s3Proxy.faultsInjected() + services.cdnProxy.faultsInjected();
        services.resetFaults();
        assertTrue(faults > 0, "the fault was never triggered: the step's requests did not match");
        RepositoryState afterFault = services.state(repository.bucket());
        afterFault.assertInvariants(repository.before());

        String reRun = publishThroughProxies(repository, app);
        assertEquals("completed", reRun.split(":")[0], "the re-run without faults must complete; it " + reRun);
        services.state(repository.bucket()).assertInvariants(afterFault);
        services.assertCompleted(repository, app);
        synchronized (OUTCOMES) {
            OUTCOMES.add(new Outcome(faultCase, firstRun, faults, reRun));
        }
    }

    /** S3's 409 ConditionalRequestConflict on a create-only upload is transient, not a changed version. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PublishStep.class, names = {"PACKAGE_UPLOAD", "PROVENANCE_UPLOAD"})
    void aConflictOnACreateOnlyUploadIsRetriedNotReportedAsAChangedVersion(PublishStep step) {
        ChartArchive app = PublisherHarness.chart("app", "1.0.0", true);
        services.resetFaults();
        services.proxyFor(step).inject(new FaultCase(step, Fault.CONFLICT_409, Mode.ONCE).rule());
        assertEquals("completed: uploaded, index written, invalidated /index.yaml / /index.html /charts/*",
                publishThroughProxies(services.create("conflict-once-" + CASES.incrementAndGet()), app));

        services.resetFaults();
        services.proxyFor(step).inject(new FaultCase(step, Fault.CONFLICT_409, Mode.ALWAYS).rule());
        assertEquals("failed with exit 5 (RetriesExhaustedException)",
                publishThroughProxies(services.create("conflict-always-" + CASES.incrementAndGet()), app));
        services.resetFaults();
    }

    private static String publishThroughProxies(ProxiedRepository.Repository repository, ChartArchive chart) {
        try (PublisherHarness harness = new PublisherHarness(services.s3Proxy.endpoint(), repository.bucket(),
                services.cdnProxy.endpoint(), repository.distribution(), FAST_RETRY, ATTEMPT_TIMEOUT)) {
            var report = harness.publish(List.of(chart));
            return "completed: " + report.charts().get(0).packageStatus().toString().toLowerCase().replace('_', ' ')
                    + (report.indexWritten() ? ", index written" : ", index already listed it")
                    + (report.invalidationId() == null ? "" : ", invalidated " + String.join(" ", report.invalidatedPaths()));
        } catch (PublishingException | StorageException e) {
            return OutcomeTable.failure(e);
        }
    }

    private static void writeReport() throws IOException {
        OutcomeTable table = new OutcomeTable("fault-matrix.md", "step", "fault", "on", "first run", "re-run (no faults)");
        OUTCOMES.stream()
                .sorted(java.util.Comparator.comparing((Outcome o) -> o.faultCase().step())
                        .thenComparing(o -> o.faultCase().fault()).thenComparing(o -> o.faultCase().mode()))
                .forEach(o -> table.add(o.faultCase().step().label, o.faultCase().fault(),
                        o.faultCase().mode().requests(), o.firstRun(), o.reRun()));
        int faults = OUTCOMES.stream().mapToInt(Outcome::faultsInjected).sum();
        table.write(OUTCOMES.size() + " cases, " + faults + " faults injected; invariants held after every first run and every re-run.\n");
    }
}
