package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.Kube9ChartsCli;
import io.kube9.charts.publishing.ChartArchive;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        System.setProperty("aws.accessKeyId", S3MockServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3MockServer.SECRET_KEY);
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
        List<String> arguments = List.of("publish", "--bucket", repository.bucket(), "--endpoint", services.s3Proxy.endpoint().toString(),
                "--path-style", "--region", S3MockServer.REGION.id(), "--repo-url", PublisherHarness.REPOSITORY_URL,
                "--distribution-id", repository.distribution(), "--cloudfront-endpoint", services.cdnProxy.endpoint().toString(),
                tgz.toString());

        FaultProxy proxy = services.proxyFor(kill.step());
        services.resetFaults();
        proxy.inject(Rule.once(kill.step().method, kill.step().pathSuffix, kill.hold()));
        Process publisher = CliProcess.start(List.of(), arguments, charts);
        try {
            proxy.held().get(90, TimeUnit.SECONDS);
        } finally {
            publisher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            proxy.releaseHeld();
        }
        assertTrue(!publisher.isAlive() && publisher.exitValue() != 0, "the publisher was killed");
        RepositoryState afterKill = services.state(repository.bucket());
        afterKill.assertInvariants(repository.before());

        services.resetFaults();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Kube9ChartsCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), arguments.toArray(String[]::new));
        assertEquals(0, exitCode, () -> "re-run failed: " + err);
        services.state(repository.bucket()).assertInvariants(afterKill);
        services.assertCompleted(repository, app);
        boolean packageWasThere = afterKill.objects().containsKey(app.packageKey());
        assertEquals(packageWasThere, out.toString().contains("already published  app 1.0.0"),
                () -> "the re-run must report what was already there:\n" + out);
        OUTCOMES.add(kill.step().label, kill.hold() == Fault.HOLD ? "not reached the service" : "been applied by the service",
                OutcomeTable.cell(out.toString()));
    }
}
