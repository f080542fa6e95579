package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of the publisher, as a separate OS process, at every step of a publish. The step is caught
 * deterministically: the fault proxy holds the step's first request (before S3 applies it, or after)
 * and the test kills the process while it waits for the answer. Afterwards the repository satisfies
 * its invariants, and re-running the same command completes the publish and reports what was
 * already there. Outcomes go to {@code target/reliability/crashes.md}.
 */
class CrashWithRecordedCloudFrontFakeTest {
    private static final OutcomeTable OUTCOMES = new OutcomeTable("crashes.md", "killed while", "the request had", "re-run reported");
    private static final AtomicInteger CASES = new AtomicInteger();
    private static ProxiedRepository services;

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

    /** A moment to kill the publisher: its request for a step is held before, or after, S3 (or CloudFront) applied it. */
    record KillPoint(PublishStep step, Fault hold) {
        @Override
        public String toString() {
            return step.label + (hold == Fault.HOLD ? " (before it is applied)" : " (after it is applied)");
        }

        /** Holds the step's first request. */
        Rule rule() {
            return Rule.once(step.method, step.pathSuffix, hold);
        }
    }

    static Stream<KillPoint> killPoints() {
        return Arrays.stream(PublishStep.values()).flatMap(step -> step.isWrite()
                ? Stream.of(new KillPoint(step, Fault.HOLD), new KillPoint(step, Fault.HOLD_AFTER_APPLYING))
                : Stream.of(new KillPoint(step, Fault.HOLD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void killedPublisherLeavesAConsistentRepositoryAndTheReRunCompletesIt(KillPoint kill) throws Exception {
        ProxiedRepository.Repository repository = services.create("crash-" + CASES.incrementAndGet());
        ChartArchive app = PublisherHarness.chart("app", "1.0.0", true);
        Path charts = Files.createTempDirectory("crash-");
        Path tgz = Files.write(charts.resolve(app.packageKey()), app.content());
        Files.write(charts.resolve(app.provenanceKey()), app.provenance().orElseThrow());
        List<String> arguments = services.cliArguments(repository, "publish", tgz.toString());

        services.resetFaults();
        CliProcess.killWhileHeld(services.proxyFor(kill.step()), kill.rule(), List.of(), arguments, charts);
        RepositoryState afterKill = services.state(repository.bucket());
        afterKill.assertInvariants(repository.before());

        services.resetFaults();
        CliRun reRun = CliRun.of(arguments);
        assertEquals(0, reRun.exitCode(), () -> "re-run failed: " + reRun.err());
        services.state(repository.bucket()).assertInvariants(afterKill);
        services.assertCompleted(repository, app);
        boolean packageWasThere = afterKill.objects().containsKey(app.packageKey());
        assertEquals(packageWasThere, reRun.out().contains("already published  app 1.0.0"),
                () -> "the re-run must report what was already there:\n" + reRun.out());
        OUTCOMES.add(kill.step().label, kill.hold() == Fault.HOLD ? "not reached the service" : "been applied by the service",
                OutcomeTable.cell(reRun.out()));
    }
}
