package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.reliability.CrashWithRecordedCloudFrontFakeTest.KillPoint;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A release job killed (kill -9) after the package was uploaded, then re-run: the re-run packages the
 * chart again (other bytes, same content) and signs those bytes. The re-run completes the publish with
 * the package already in the bucket: the index lists its digest (never the re-packaged one), a
 * provenance file already there stays, and one that is missing cannot be made up from the re-run's
 * (it signs other bytes), which the re-run reports. The repository invariants hold throughout.
 */
class RepackagedRerunAfterCrashWithRecordedCloudFrontFakeTest {
    private static final AtomicInteger CASES = new AtomicInteger();
    private static ProxiedRepository services;

    @BeforeAll
    static void start() {
        services = new ProxiedRepository(FaultProxy.DEFAULT_SLOW_RESPONSE_DELAY);
        S3MockServer.useCredentialsInThisJvm();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static Stream<KillPoint> killPoints() {
        return Stream.of(new KillPoint(PublishStep.PACKAGE_UPLOAD, Fault.HOLD_AFTER_APPLYING),
                new KillPoint(PublishStep.PROVENANCE_UPLOAD, Fault.HOLD_AFTER_APPLYING),
                new KillPoint(PublishStep.INDEX_WRITE, Fault.HOLD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("killPoints")
    void theRepackagedReRunCompletesThePublishWithThePublishedBytes(KillPoint kill) throws Exception {
        ProxiedRepository.Repository repository = services.create("repackaged-" + CASES.incrementAndGet());
        ChartArchive first = PublisherHarness.chart("app", "1.0.0", true);
        Path firstRun = Files.createTempDirectory("repackaged-first-");
        Files.write(firstRun.resolve(first.provenanceKey()), first.provenance().orElseThrow());
        Path firstPackage = Files.write(firstRun.resolve(first.packageKey()), first.content());
        services.resetFaults();
        CliProcess.killWhileHeld(services.proxyFor(kill.step()), kill.rule(), List.of(),
                services.cliArguments(repository, "publish", firstPackage.toString()), firstRun);
        RepositoryState afterKill = services.state(repository.bucket());
        afterKill.assertInvariants(repository.before());
        assertArrayEquals(first.content(), afterKill.objects().get(first.packageKey()), "the killed run uploaded the package");

        services.resetFaults();
        Path rerun = Files.createTempDirectory("repackaged-rerun-");
        byte[] repackaged = ChartArchiveBuilder.chart("app", "1.0.0").modifiedAt(1_800_000_000_000L).tgz();
        Path tgz = Files.write(rerun.resolve(first.packageKey()), repackaged);
        Files.write(rerun.resolve(first.provenanceKey()), ChartArchiveBuilder.provenance("app", "1.0.0", RepositoryState.sha256(repackaged)));
        CliRun reRun = CliRun.of(services.cliArguments(repository, "publish", tgz.toString()));

        assertEquals(0, reRun.exitCode(), () -> "re-run failed: " + reRun.err());
        RepositoryState after = services.state(repository.bucket());
        after.assertInvariants(afterKill);
        assertEquals(first.digest(), after.digests().get("app 1.0.0"), "the index lists the published bytes");
        assertTrue(reRun.out().startsWith("already published  app 1.0.0"), reRun.out());
        boolean provenanceWasThere = afterKill.objects().containsKey(first.provenanceKey());
        assertEquals(provenanceWasThere, after.objects().containsKey(first.provenanceKey()));
        assertTrue(reRun.out().contains("not uploaded       app 1.0.0 provenance (it signs the re-packaged archive"), reRun.out());
    }
}
