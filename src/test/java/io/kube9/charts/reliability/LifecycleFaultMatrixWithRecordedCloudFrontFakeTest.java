package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.reliability.FaultMatrixWithRecordedCloudFrontFakeTest.Mode;
import io.kube9.charts.testing.FaultProxy.Fault;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle's write paths x faults: yank (ledger, then index) and unyank (index, then ledger),
 * each write failing once or every time, between the real commands and a real S3 API server (and the
 * CloudFront fake). Whatever the first run did, no entry or ledger record is lost and nothing else
 * changed ({@link LedgerState}), and the re-run without faults completes it, CDN invalidation
 * included. Outcomes go to {@code target/reliability/lifecycle-fault-matrix.md}. Deprecate and undo
 * write through the same code in the same two orders; the crash test runs them too.
 */
class LifecycleFaultMatrixWithRecordedCloudFrontFakeTest {
    /** A hang on every attempt ends like a 500 on every attempt (exit 5), only slower: it runs once. */
    private static final List<Fault> EVERY_TIME = List.of(Fault.INTERNAL_ERROR_500, Fault.CONFLICT_409, Fault.RESET_MID_BODY,
            Fault.RESPONSE_LOST);
    private static final List<Fault> ONCE = List.of(Fault.INTERNAL_ERROR_500, Fault.CONFLICT_409, Fault.RESET_MID_BODY,
            Fault.RESPONSE_LOST, Fault.HANG);
    private static final OutcomeTable OUTCOMES = new OutcomeTable("lifecycle-fault-matrix.md", "command", "write", "fault", "on",
            "first run", "re-run (no faults)");
    private static final AtomicInteger CASES = new AtomicInteger();
    private static ProxiedRepository services;

    record FaultCase(LifecycleStep command, String write, Fault fault, Mode mode) {
        @Override
        public String toString() {
            return command.label + " x " + write + " write x " + fault + (mode == Mode.ALWAYS ? " x every time" : " x once");
        }
    }

    @BeforeAll
    static void start() {
        services = new ProxiedRepository(java.time.Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.writeSorted(OUTCOMES.size() + " cases; no entry or record lost, and every re-run completed.\n");
        services.close();
    }

    static Stream<FaultCase> cases() {
        return Stream.of(LifecycleStep.YANK, LifecycleStep.UNYANK).flatMap(command -> Stream.of(command.firstWrite, command.secondWrite)
                .flatMap(write -> Stream.concat(ONCE.stream().map(fault -> new FaultCase(command, write, fault, Mode.ONCE)),
                        EVERY_TIME.stream().map(fault -> new FaultCase(command, write, fault, Mode.ALWAYS)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noEntryOrRecordIsLostAndTheReRunCompletes(FaultCase faultCase) {
        ProxiedRepository.Repository repository = services.create("lifecycle-faults-" + CASES.incrementAndGet());
        if (faultCase.command().precondition() != null) {
            run(repository, faultCase.command().precondition());
        }
        RepositoryState before = services.state(repository.bucket());
        int invalidationsBefore = services.cloudFront.invalidations(repository.distribution()).size();

        services.resetFaults();
        services.s3Proxy.inject(faultCase.mode().rule("PUT", faultCase.write(), faultCase.fault()));
        String firstRun = run(repository, faultCase.command());
        int faults = services.s3Proxy.faultsInjected();
        services.resetFaults();
        assertTrue(faults > 0, "the fault was never triggered: the write's requests did not match");
        RepositoryState afterFault = services.state(repository.bucket());
        LedgerState.assertInvariants(before, afterFault);

        String reRun = run(repository, faultCase.command());
        assertTrue(reRun.startsWith("completed"), "the re-run without faults must complete; it " + reRun);
        RepositoryState after = services.state(repository.bucket());
        LedgerState.assertInvariants(afterFault, after);
        faultCase.command().assertCompleted(after);
        assertTrue(services.invalidatedSince(repository.distribution(), invalidationsBefore, "/lifecycle.json"), "the CDN was told");
        OUTCOMES.add(faultCase.command().label, faultCase.write(), faultCase.fault(), faultCase.mode().requests(), firstRun, reRun);
    }

    private static String run(ProxiedRepository.Repository repository, LifecycleStep command) {
        try (PublisherHarness harness = new PublisherHarness(services.s3Proxy.endpoint(), repository.bucket(),
                services.cdnProxy.endpoint(), repository.distribution(), FaultMatrixWithRecordedCloudFrontFakeTest.FAST_RETRY,
                FaultMatrixWithRecordedCloudFrontFakeTest.ATTEMPT_TIMEOUT)) {
            String summary = command.run.apply(harness);
            return "completed" + (summary.contains("nothing to change") ? " (nothing left to change)" : "");
        } catch (PublishingException | StorageException e) {
            return OutcomeTable.failure(e);
        }
    }
}
