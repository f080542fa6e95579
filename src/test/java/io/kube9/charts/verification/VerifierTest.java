package io.kube9.charts.verification;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.StaticRepositoryServer;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.LoopbackHttpServer;
import java.net.URI;
import io.kube9.charts.repository.storage.ObjectStore;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.ZoneOffset;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `verify` on a local directory repository, and over HTTP against the same directory served on loopback. */
class VerifierTest {
    private static final RepositorySettings SETTINGS = RepositorySettings.defaults("https://charts.kube9.io");

    @TempDir
    Path root;
    private LocalDirectoryStore store;

    @BeforeEach
    void publish() {
        store = new LocalDirectoryStore(root);
        new Publisher(ChartRepository.open(store, SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(List.of(TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0")), false);
    }

    private VerifyReport verify() {
        return new Verifier(ChartRepository.open(store, SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.empty());
    }

    @Test
    void aFreshlyPublishedRepositoryIsSound() {
        VerifyReport report = verify();
        assertEquals(List.of(), report.problems());
        assertEquals(2, report.entries());
        assertEquals(2, report.packages());
    }

    @Test
    void findsAMissingPackage() throws Exception {
        Files.delete(root.resolve("demo-1.1.0.tgz"));
        assertEquals(List.of("demo 1.1.0: package demo-1.1.0.tgz is missing from " + root.toRealPath()
                + " (helm pull fails): publish it again from the release artifacts"), verify().problems());
    }

    @Test
    void findsAPackageWhoseBytesChanged() throws Exception {
        byte[] other = TestCharts.packageOf("demo", "9.9.9");
        Files.write(root.resolve("demo-1.0.0.tgz"), other);
        String indexed = Sha256.hex(TestCharts.packageOf("demo", "1.0.0"));
        assertEquals(List.of("demo 1.0.0: package demo-1.0.0.tgz has sha256 " + Sha256.hex(other) + " but the index says " + indexed),
                verify().problems());
    }

    @Test
    void findsAnUnindexedPackage() {
        store.putIfAbsent("stray-1.0.0.tgz", TestCharts.packageOf("stray", "1.0.0"), RepositoryLayout.PACKAGE);
        assertEquals(List.of(
                "stray-1.0.0.tgz is in the bucket but not in the index: run `publish` with it again, or `reindex`"),
                verify().problems());
    }

    @Test
    void findsWrongHeadersOnAnIndexedPackage() throws Exception {
        Path headers = root.resolve(".kube9-headers/demo-1.0.0.tgz.json");
        Files.writeString(headers, "{\"contentType\":\"application/octet-stream\",\"cacheControl\":\"max-age=60\"}");
        assertEquals(List.of(
                "demo-1.0.0.tgz: Content-Type is \"application/octet-stream\", expected \"application/gzip\"",
                "demo-1.0.0.tgz: Cache-Control is \"max-age=60\", expected \"public, max-age=31536000, immutable\""),
                verify().problems());
    }

    @Test
    void checksWhatTheRepositoryServesOverHttp(@TempDir Path servedRoot) throws Exception {
        RepositorySettings local = RepositorySettings.defaults("http://127.0.0.1/").withRelativeUrls(true);
        root = servedRoot.toRealPath();
        store = new LocalDirectoryStore(root);
        new Publisher(ChartRepository.open(store, local, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(List.of(TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0")), false);
        try (LoopbackHttpServer http = StaticRepositoryServer.serve(root)) {
            URI url = URI.create(http.url() + "/");
            VerifyReport served = new Verifier(ChartRepository.open(store, local, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.of(url));
            assertEquals(List.of(), served.problems());

            Files.delete(root.resolve("demo-1.0.0.tgz"));
            List<String> httpProblems = new Verifier(ChartRepository.open(store, local, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.of(url)).problems().stream()
                    .filter(problem -> problem.startsWith("http")).toList();
            assertEquals(List.of(url + "demo-1.0.0.tgz: HTTP 404"), httpProblems);
        }
    }

    /** The CDN may serve the previous index for max-age + stale-while-revalidate after a write; longer is a problem. */
    @Test
    void aServedIndexThatLagsTheBucketIsAProblemOnlyPastTheCdnsTtl(@TempDir Path bucketRoot, @TempDir Path edgeRoot) throws Exception {
        RepositorySettings local = RepositorySettings.defaults("http://127.0.0.1/").withRelativeUrls(true);
        ObjectStore bucket = new LocalDirectoryStore(bucketRoot);
        new Publisher(ChartRepository.open(bucket, local, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        try (var files = Files.walk(bucketRoot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = edgeRoot.resolve(bucketRoot.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        new Publisher(ChartRepository.open(bucket, local, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(List.of(TestCharts.archive("demo", "1.1.0")), false);
        Instant written = bucket.head("index.yaml").orElseThrow().lastModified();

        try (LoopbackHttpServer edge = StaticRepositoryServer.serve(edgeRoot.toRealPath())) {
            URI url = URI.create(edge.url() + "/");
            Clock soon = Clock.fixed(written.plusSeconds(60), ZoneOffset.UTC);
            assertEquals(List.of(), new Verifier(ChartRepository.open(bucket, local, Invalidator.NONE, soon, Progress.SILENT))
                    .verify(Optional.of(url)).problems(), "a minute after the write the edge may still serve the previous index");

            Clock later = Clock.fixed(written.plus(Verifier.SERVED_STALE_AT_MOST).plusSeconds(60), ZoneOffset.UTC);
            List<String> problems = new Verifier(ChartRepository.open(bucket, local, Invalidator.NONE, later, Progress.SILENT))
                    .verify(Optional.of(url)).problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith(url + "index.yaml differs from the bucket's index, written "
                    + (Verifier.SERVED_STALE_AT_MOST.toSeconds() + 60) + " s ago"), problems.get(0));
        }
    }
}
