package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.Kube9ChartsCli;
import io.kube9.charts.publishing.ChartArchive;
import io.kube9.charts.reliability.CrashWithRecordedCloudFrontFakeTest.KillPoint;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.S3MockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
        System.setProperty("aws.accessKeyId", S3MockServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3MockServer.SECRET_KEY);
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
        FaultProxy proxy = services.proxyFor(kill.step());
        services.resetFaults();
        proxy.inject(Rule.once(kill.step().method, kill.step().pathSuffix, kill.hold()));
        Process publisher = CliProcess.start(List.of(), arguments(repository, Files.write(firstRun.resolve(first.packageKey()), first.content())), firstRun);
        try {
            proxy.held().get(90, TimeUnit.SECONDS);
        } finally {
            publisher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            proxy.releaseHeld();
        }
        RepositoryState afterKill = services.state(repository.bucket());
        afterKill.assertInvariants(repository.before());
        assertArrayEquals(first.content(), afterKill.objects().get(first.packageKey()), "the killed run uploaded the package");

        services.resetFaults();
        Path rerun = Files.createTempDirectory("repackaged-rerun-");
        byte[] repackaged = ChartArchiveBuilder.chart("app", "1.0.0").modifiedAt(1_800_000_000_000L).tgz();
        Path tgz = Files.write(rerun.resolve(first.packageKey()), repackaged);
        Files.write(rerun.resolve(first.provenanceKey()), ("files:\n  app-1.0.0.tgz: sha256:" + RepositoryState.sha256(repackaged) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Kube9ChartsCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                arguments(repository, tgz).toArray(String[]::new));

        assertEquals(0, exitCode, () -> "re-run failed: " + err);
        RepositoryState after = services.state(repository.bucket());
        after.assertInvariants(afterKill);
        Map<String, String> indexed = after.entries().stream()
                .collect(Collectors.toMap(e -> e.name() + " " + e.version(), RepositoryState.IndexEntry::digest));
        assertEquals(first.digest(), indexed.get("app 1.0.0"), "the index lists the published bytes");
        assertTrue(out.toString().startsWith("already published  app 1.0.0"), out.toString());
        boolean provenanceWasThere = afterKill.objects().containsKey(first.provenanceKey());
        assertEquals(provenanceWasThere, after.objects().containsKey(first.provenanceKey()));
        assertTrue(out.toString().contains("not uploaded       app 1.0.0 provenance (it signs the re-packaged archive"), out.toString());
    }

    private static List<String> arguments(ProxiedRepository.Repository repository, Path tgz) {
        return List.of("publish", "--bucket", repository.bucket(), "--endpoint", services.s3Proxy.endpoint().toString(),
                "--path-style", "--region", S3MockServer.REGION.id(), "--repo-url", PublisherHarness.REPOSITORY_URL,
                "--distribution-id", repository.distribution(), "--cloudfront-endpoint", services.cdnProxy.endpoint().toString(),
                tgz.toString());
    }
}
