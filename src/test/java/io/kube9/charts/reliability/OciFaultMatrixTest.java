package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.oci.HelmChartArtifact;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.reliability.FaultMatrixWithRecordedCloudFrontFakeTest.Mode;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step of the OCI push x every registry fault, between the real publisher and a real registry
 * (with a real S3 API server for the classic channel): whatever the first run did, both channels satisfy
 * their invariants (the index lists only versions whose tag holds the indexed bytes; no package or tag
 * changed), and re-running the same publish without faults completes it. The outcomes are written to
 * {@code target/reliability/oci-fault-matrix.md} for docs/reliability.md.
 */
class OciFaultMatrixTest {
    /** The faulty run's call timeout (a hang costs this much per attempt); the re-run, which tests no timeout, waits longer. */
    static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
    static final Duration RE_RUN_CALL_TIMEOUT = Duration.ofSeconds(30);
    static final ChartArchive APP = PublisherHarness.chart("app", "1.0.0", true);
    private static final HelmChartArtifact ARTIFACT = HelmChartArtifact.of(APP, Instant.EPOCH);

    /**
     * A step of the OCI push, as the requests that carry it. The provenance layer's upload is the chart
     * layer's code path with other bytes; the tag read is the first of the manifest HEAD requests (the
     * check before anything is written), the blob upload start the first POST (the chart layer's).
     */
    enum OciStep {
        TAG_READ("tag read", "HEAD", artifact -> "/manifests/1.0.0"),
        BLOB_UPLOAD_START("blob upload start", "POST", artifact -> "/blobs/uploads/"),
        CHART_LAYER_UPLOAD("chart layer upload", "PUT", artifact -> "digest=" + artifact.chartDigest()),
        CONFIG_UPLOAD("config upload", "PUT", artifact -> "digest=" + artifact.config().digest()),
        MANIFEST_WRITE("manifest write", "PUT", artifact -> "/manifests/1.0.0");

        final String label;
        final String method;
        final Function<HelmChartArtifact, String> suffix;

        OciStep(String label, String method, Function<HelmChartArtifact, String> suffix) {
            this.label = label;
            this.method = method;
            this.suffix = suffix;
        }
    }

    record FaultCase(OciStep step, Fault fault, Mode mode) {
        @Override
        public String toString() {
            return step.label + " x " + fault + " x " + mode;
        }

        Rule rule() {
            return mode.rule(step.method, step.suffix.apply(ARTIFACT), fault);
        }
    }

    record Outcome(FaultCase faultCase, String firstRun, int faults, String reRun) {}

    /** 503 takes the path of 500 (any 5xx, 408 or 429 is transient), so it is not repeated here. */
    private static final Fault[] FAULTS = {Fault.INTERNAL_ERROR_500, Fault.RESET_MID_BODY, Fault.RESPONSE_LOST, Fault.HANG};
    private static final List<Outcome> OUTCOMES = new ArrayList<>();
    private static final AtomicInteger CASES = new AtomicInteger();
    private static OciProxiedRepository services;

    @BeforeAll
    static void start() {
        services = new OciProxiedRepository(Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() throws IOException {
        writeReport();
        services.close();
    }

    static Stream<FaultCase> cases() {
        return Arrays.stream(OciStep.values()).flatMap(step -> Arrays.stream(FAULTS)
                .flatMap(fault -> Arrays.stream(Mode.values()).map(mode -> new FaultCase(step, fault, mode))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothChannelsStayConsistentAndTheReRunCompletes(FaultCase faultCase) {
        OciProxiedRepository.Repository repository = services.create("oci-faults-" + CASES.incrementAndGet());

        services.proxy.reset();
        services.proxy.inject(faultCase.rule());
        String firstRun = publishThroughProxy(repository, CALL_TIMEOUT);
        int faults = services.proxy.faultsInjected();
        services.proxy.reset();
        assertTrue(faults > 0, "the fault was never triggered: the step's requests did not match");
        services.assertInvariants(repository);

        String reRun = publishThroughProxy(repository, RE_RUN_CALL_TIMEOUT);
        assertTrue(reRun.startsWith("completed:"), "the re-run without faults must complete; it " + reRun);
        services.assertInvariants(repository);
        services.assertCompleted(repository, APP);
        synchronized (OUTCOMES) {
            OUTCOMES.add(new Outcome(faultCase, firstRun, faults, reRun));
        }
    }

    private static String publishThroughProxy(OciProxiedRepository.Repository repository, Duration callTimeout) {
        try {
            PublishReport report = services.publish(repository, services.ociRepository(repository), List.of(APP),
                    FaultMatrixWithRecordedCloudFrontFakeTest.FAST_RETRY, callTimeout);
            return "completed: oci " + report.charts().get(0).ociStatus().toString().toLowerCase().replace('_', ' ')
                    .replace("uploaded", "pushed") + (report.indexWritten() ? ", index written" : ", index already listed it");
        } catch (PublishingException | StorageException e) {
            return OutcomeTable.failure(e);
        }
    }

    private static void writeReport() throws IOException {
        OutcomeTable table = new OutcomeTable("oci-fault-matrix.md", "step", "fault", "on", "first run", "re-run (no faults)");
        OUTCOMES.stream()
                .sorted(Comparator.comparing((Outcome o) -> o.faultCase().step()).thenComparing(o -> o.faultCase().fault())
                        .thenComparing(o -> o.faultCase().mode()))
                .forEach(o -> table.add(o.faultCase().step().label, o.faultCase().fault(),
                        o.faultCase().mode().requests(), o.firstRun(), o.reRun()));
        table.write(OUTCOMES.size() + " cases, " + OUTCOMES.stream().mapToInt(Outcome::faults).sum()
                + " faults injected; invariants of both channels held after every first run and every re-run.\n");
    }
}
