package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of yank, unyank, deprecate and deprecate --undo, each a separate OS process, right after
 * their first write was applied (the state between the ledger and the index write) and, for yank and
 * unyank, right after the second (both written, the CDN not yet told). The fault proxy holds the
 * write's response; the test kills the process while it waits. Afterwards no entry or record is lost,
 * and re-running the same command completes it, invalidation included. Outcomes go to
 * {@code target/reliability/lifecycle-crashes.md}.
 */
class LifecycleCrashWithRecordedCloudFrontFakeTest {
    private static final OutcomeTable OUTCOMES = new OutcomeTable("lifecycle-crashes.md", "command", "killed after it wrote",
            "the bucket then held", "the re-run reported");
    private static final AtomicInteger CASES = new AtomicInteger();
    private static ProxiedRepository services;

    /** Killed once the {@code write} (a path suffix) was applied by S3, before the command heard back. */
    record KillPoint(LifecycleStep command, String write) {
        @Override
        public String toString() {
            return command.label + " after its " + write + " write";
        }
    }

    @BeforeAll
    static void start() {
        services = new ProxiedRepository(FaultProxy.DEFAULT_SLOW_RESPONSE_DELAY);
        S3MockServer.useCredentialsInThisJvm();
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.write("");
        services.close();
    }

    static Stream<KillPoint> killPoints() {
        return Stream.of(
                new KillPoint(LifecycleStep.YANK, LifecycleStep.YANK.firstWrite),
                new KillPoint(LifecycleStep.YANK, LifecycleStep.YANK.secondWrite),
                new KillPoint(LifecycleStep.UNYANK, LifecycleStep.UNYANK.firstWrite),
                new KillPoint(LifecycleStep.UNYANK, LifecycleStep.UNYANK.secondWrite),
                new KillPoint(LifecycleStep.DEPRECATE, LifecycleStep.DEPRECATE.firstWrite),
                new KillPoint(LifecycleStep.UNDO, LifecycleStep.UNDO.firstWrite));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void aKilledCommandLosesNothingAndItsReRunCompletesIt(KillPoint kill) throws Exception {
        ProxiedRepository.Repository repository = services.create("lifecycle-crash-" + CASES.incrementAndGet());
        LifecycleStep command = kill.command();
        if (command.precondition() != null) {
            assertEquals(0, CliRun.of(arguments(repository, command.precondition())).exitCode(), "the precondition ran");
        }
        RepositoryState before = services.state(repository.bucket());
        int invalidationsBefore = services.cloudFront.invalidations(repository.distribution()).size();
        List<String> arguments = arguments(repository, command);

        services.resetFaults();
        CliProcess.killWhileHeld(services.s3Proxy, Rule.once("PUT", kill.write(), Fault.HOLD_AFTER_APPLYING), List.of("-Xmx256m"),
                arguments, Files.createTempDirectory("lifecycle-crash-"));
        RepositoryState afterKill = services.state(repository.bucket());
        LedgerState.assertInvariants(before, afterKill);
        String held = heldState(afterKill);

        services.resetFaults();
        CliRun reRun = CliRun.of(arguments);
        assertEquals(0, reRun.exitCode(), () -> "re-run failed: " + reRun.err());
        RepositoryState after = services.state(repository.bucket());
        LedgerState.assertInvariants(afterKill, after);
        command.assertCompleted(after);
        assertTrue(services.invalidatedSince(repository.distribution(), invalidationsBefore, "/lifecycle.json"),
                "the re-run invalidated");
        OUTCOMES.add(command.label, kill.write(), held, OutcomeTable.cell(reRun.out()));
    }

    private static String heldState(RepositoryState state) {
        boolean indexed = LedgerState.indexedEntries(state).containsKey("base 1.0.0");
        boolean yanked = LedgerState.yankedEntries(state).containsKey("base 1.0.0");
        boolean marked = indexed && LedgerState.isMarked(LedgerState.indexedEntries(state).get("base 1.0.0"));
        return "base 1.0.0 " + (indexed ? "indexed" + (marked ? " (marked deprecated)" : "") : "not indexed")
                + (yanked ? ", yanked in the ledger" : "") + (LifecycleStep.deprecationRecorded(state) ? ", base deprecated in the ledger" : "");
    }

    private static List<String> arguments(ProxiedRepository.Repository repository, LifecycleStep command) {
        List<String> arguments = services.cliArguments(repository, command.arguments.toArray(String[]::new));
        arguments.addAll(List.of("--repo-name", "test"));
        return arguments;
    }
}
