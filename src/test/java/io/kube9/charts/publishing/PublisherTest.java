package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.StoredIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.HelmDifferentialCorpus;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.AtomicRequestStore;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.RecordingStore;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real S3 API (S3Mock in this JVM), a fresh bucket per test. */
class PublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);
    private String bucket;
    private ObjectStore store;
    private final List<List<String>> invalidations = new ArrayList<>();
    private final List<String> callerReferences = new ArrayList<>();
    private final Invalidator recordingInvalidator = (paths, reference, wait, progress) -> {
        invalidations.add(paths);
        callerReferences.add(reference);
        return Optional.of("I" + invalidations.size());
    };

    @BeforeEach
    void newBucket() {
        bucket = TestBuckets.create("publisher");
        store = TestBuckets.store(bucket);
    }

    private Publisher publisher() {
        return new Publisher(ChartRepository.open(store, RepositorySettings.defaults("https://charts.kube9.io"), recordingInvalidator, CLOCK, Progress.SILENT));
    }

    private ChartIndex index() {
        return StoredIndex.read(store);
    }

    @Test
    void publishesPackageThenIndexThenLandingPageAndInvalidatesOnce() {
        PublishReport report = publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false);

        assertEquals(UploadStatus.UPLOADED, report.charts().get(0).packageStatus());
        assertEquals(List.of("demo 1.0.0"), report.indexEntriesAdded());
        IndexEntry entry = index().find("demo", "1.0.0").orElseThrow();
        assertEquals(Sha256.hex(TestCharts.packageOf("demo", "1.0.0")), entry.digest());
        assertEquals(List.of("https://charts.kube9.io/demo-1.0.0.tgz"), entry.urls());
        assertEquals("2026-11-24T06:00:00Z", entry.created());
        assertEquals("A test chart", entry.fields().path("description").asText());
        assertEquals(new ObjectHeaders("application/gzip", "public, max-age=31536000, immutable"),
                store.head("demo-1.0.0.tgz").orElseThrow().headers());
        assertEquals(new ObjectHeaders("application/json", "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400"),
                store.head("index.yaml").orElseThrow().headers());
        assertEquals(new ObjectHeaders("text/html;charset=utf-8", "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400"),
                store.head("index.html").orElseThrow().headers());
        assertTrue(new String(store.get("index.html").orElseThrow().content(), StandardCharsets.UTF_8)
                .contains("helm repo add kube9 https://charts.kube9.io"));
        assertEquals(List.of(List.of("/index.yaml", "/", "/index.html", "/charts/*")), invalidations);
    }

    @Test
    void republishingTheSameBytesIsAlreadyPublishedAndWritesNothing() {
        publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        String indexEtag = store.head("index.yaml").orElseThrow().etag();

        PublishReport again = publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false);

        assertEquals(UploadStatus.ALREADY_PUBLISHED, again.charts().get(0).packageStatus());
        assertFalse(again.indexWritten());
        assertEquals(List.of(), again.indexEntriesAdded());
        assertEquals(indexEtag, store.head("index.yaml").orElseThrow().etag());
        // The re-run asks for the same invalidation (same paths and caller reference), which CloudFront
        // answers with the one it already has; after an interrupted first run it is what completes it.
        assertEquals(2, callerReferences.size());
        assertEquals(callerReferences.get(0), callerReferences.get(1));
        assertEquals(invalidations.get(0), invalidations.get(1));
    }

    /**
     * The preflight check has downloaded the published package and provenance file: the re-run uploads neither again
     * (no create-only PUT refused with 412, so no "another run" line and no retry backoff), also in a dry run.
     */
    @Test
    void aRerunOfAPublishedVersionSendsNothingItHasJustRead() {
        ChartArchive signed = signed(TestCharts.packageOf("demo", "1.0.0"));
        publisher().publish(List.of(signed), false);
        RecordingStore recorded = new RecordingStore(store);
        List<String> lines = new ArrayList<>();

        PublishReport again = new Publisher(ChartRepository.open(recorded, RepositorySettings.defaults("https://charts.kube9.io"), recordingInvalidator, CLOCK, lines::add)).publish(List.of(signed), false);
        PublishReport dryRun = new Publisher(ChartRepository.open(recorded, RepositorySettings.defaults("https://charts.kube9.io"), recordingInvalidator, CLOCK, lines::add)).publish(List.of(signed), true);

        assertEquals(UploadStatus.ALREADY_PUBLISHED, again.charts().get(0).packageStatus());
        assertEquals(UploadStatus.ALREADY_PUBLISHED, again.charts().get(0).provenanceStatus());
        assertEquals(UploadStatus.ALREADY_PUBLISHED, dryRun.charts().get(0).packageStatus());
        assertEquals(UploadStatus.ALREADY_PUBLISHED, dryRun.charts().get(0).provenanceStatus());
        assertEquals(List.of(), recorded.puts, "PUTs: " + recorded.puts);
        assertEquals(List.of(), recorded.heads.stream().filter(key -> key.startsWith("demo-1.0.0.tgz")).toList(),
                "HEADs: " + recorded.heads);
        assertEquals(List.of(), lines.stream().filter(line -> line.contains("another run")).toList(), "lines: " + lines);
        assertTrue(lines.contains("demo-1.0.0.tgz is already published with the same content"), "lines: " + lines);
        assertTrue(lines.contains("demo-1.0.0.tgz.prov is already published with the same content"), "lines: " + lines);
    }

    private static ChartArchive signed(byte[] pkg) {
        return new ChartArchiveReader().read("demo-1.0.0.tgz", pkg,
                Optional.of(ChartArchiveBuilder.provenance("demo", "1.0.0", Sha256.hex(pkg))));
    }

    @Test
    void publishingOtherBytesForAPublishedVersionFailsAndChangesNothing() {
        publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        byte[] published = store.get("demo-1.0.0.tgz").orElseThrow().content();
        String indexEtag = store.head("index.yaml").orElseThrow().etag();
        ChartArchive changed = TestCharts.read("demo-1.0.0.tgz",
                ChartArchiveBuilder.chart("demo", "1.0.0").file("demo/templates/extra.yaml", "# changed\n").tgz());
        ChartArchive other = TestCharts.archive("demo", "2.0.0");

        RepositoryConflictException failure = assertThrows(RepositoryConflictException.class,
                () -> publisher().publish(List.of(other, changed), false));

        assertEquals("demo-1.0.0.tgz is already published in s3://" + bucket + " with sha256 " + Sha256.hex(published)
                + ", and demo-1.0.0.tgz has different content (sha256 " + changed.digest() + "): demo/templates/extra.yaml is in"
                + " the offered package but not in the published one. Published versions are"
                + " immutable (cached for a year): bump the version in Chart.yaml and publish again. Nothing was changed",
                failure.getMessage());
        assertArrayEquals(published, store.get("demo-1.0.0.tgz").orElseThrow().content());
        assertTrue(store.head("demo-2.0.0.tgz").isEmpty(), "the valid chart of the refused run was not uploaded either");
        assertEquals(indexEtag, store.head("index.yaml").orElseThrow().etag());
    }

    /** A re-run of `helm package` gives other bytes for the same files: already published, the published bytes stay. */
    @Test
    void aRepackagedArchiveWithTheSameContentIsAlreadyPublishedAndWritesNothing() {
        publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        RepositorySnapshot before = new RepositorySnapshot(store);
        byte[] repackaged = ChartArchiveBuilder.chart("demo", "1.0.0").modifiedAt(1_800_000_000_000L).tgz();
        ChartArchive offered = new ChartArchiveReader().read("demo-1.0.0.tgz", repackaged,
                Optional.of(ChartArchiveBuilder.provenance("demo", "1.0.0", Sha256.hex(repackaged))));

        RecordingStore recorded = new RecordingStore(store);
        List<String> lines = new ArrayList<>();

        PublishReport report = new Publisher(ChartRepository.open(recorded, RepositorySettings.defaults("https://charts.kube9.io"), recordingInvalidator, CLOCK, lines::add)).publish(List.of(offered), false);

        PublishReport.ChartOutcome outcome = report.charts().get(0);
        assertEquals(List.of(), recorded.puts, "the published bytes are not sent back: PUTs " + recorded.puts);
        assertEquals(List.of(), lines.stream().filter(line -> line.contains("another run")).toList(), "lines: " + lines);
        assertEquals(UploadStatus.ALREADY_PUBLISHED_REPACKAGED, outcome.packageStatus());
        assertEquals(UploadStatus.NOT_UPLOADED_SIGNS_REPACKAGED_BYTES, outcome.provenanceStatus());
        assertEquals(Sha256.hex(TestCharts.packageOf("demo", "1.0.0")), outcome.digest());
        assertEquals(Sha256.hex(repackaged), outcome.offeredDigest());
        assertFalse(report.indexWritten());
        assertEquals(before, new RepositorySnapshot(store), "nothing was written: no package, no .prov, the same index");
    }

    /** A crash after the upload, then a re-run with a re-packaged archive: the index gets the published digest. */
    @Test
    void aRepackagedRerunAfterAnInterruptedPublishIndexesThePublishedBytes() {
        byte[] first = TestCharts.packageOf("demo", "1.0.0");
        store.putIfAbsent("demo-1.0.0.tgz", first, RepositoryLayout.PACKAGE);

        publisher().publish(List.of(TestCharts.read("demo-1.0.0.tgz",
                ChartArchiveBuilder.chart("demo", "1.0.0").modifiedAt(1_800_000_000_000L).tgz())), false);

        assertEquals(Sha256.hex(first), index().find("demo", "1.0.0").orElseThrow().digest());
        assertArrayEquals(first, store.get("demo-1.0.0.tgz").orElseThrow().content());
    }

    @Test
    void aRepackagedArchiveWithOtherFileModesIsAChangedVersion() {
        publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        byte[] executable = ChartArchiveBuilder.chart("demo", "1.0.0").modifiedAt(1_800_000_000_000L).tgz();
        ChartArchive offered = TestCharts.read("demo-1.0.0.tgz", withMode(executable, "demo/values.yaml", 0755));

        RepositoryConflictException failure = assertThrows(RepositoryConflictException.class,
                () -> publisher().publish(List.of(offered), false));

        assertTrue(failure.getMessage().contains("): demo/values.yaml has other permissions than in the published package:"
                + " demo/values.yaml (mode 0755) instead of demo/values.yaml (mode 0644). Published versions are immutable"), failure.getMessage());
    }

    private static byte[] withMode(byte[] tgz, String name, int mode) {
        ChartArchiveBuilder rebuilt = ChartArchiveBuilder.empty();
        HelmDifferentialCorpus.entries(tgz).forEach((entry, content) -> rebuilt.file(entry, content, entry.equals(name) ? mode : 0644));
        return rebuilt.tgz();
    }

    /** Every object's bytes, entity tag and headers. */
    private record RepositorySnapshot(java.util.Map<String, String> objects) {
        RepositorySnapshot(ObjectStore store) {
            this(store.list().stream().collect(java.util.stream.Collectors.toMap(key -> key, key -> {
                StoredObject object = store.get(key).orElseThrow();
                return Sha256.hex(object.content()) + " " + object.etag() + " " + object.info().headers();
            })));
        }
    }

    @Test
    void corruptIndexInTheBucketIsNeverOverwritten() {
        byte[] corrupt = "apiVersion: v1\nentries: [unclosed\n".getBytes(StandardCharsets.UTF_8);
        store.putIfAbsent("index.yaml", corrupt, RepositoryLayout.indexHeaders(io.kube9.charts.repository.index.IndexFormat.YAML));

        RepositoryConflictException failure = assertThrows(RepositoryConflictException.class,
                () -> publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), false));

        assertTrue(failure.getMessage().startsWith("s3://" + bucket + "/index.yaml cannot be read as a Helm index: it is not valid"
                + " JSON or YAML ("), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(". It was left untouched. Rebuild it from the packages with `reindex` after"
                + " checking the bucket (with versioning on, the previous version can also be restored)"), failure.getMessage());
        assertArrayEquals(corrupt, store.get("index.yaml").orElseThrow().content());
        assertTrue(store.head("index.html").isEmpty());
    }

    @Test
    void existingEntriesKeepTheirCreatedDateAndUnknownFields() {
        String existing = """
                {"apiVersion":"v1","generated":"2020-01-01T00:00:00Z","serverInfo":{"contextPath":"/x"},
                 "entries":{"old":[{"name":"old","version":"0.1","created":"2020-01-01T00:00:00Z",
                 "digest":"abc","urls":["old-0.1.tgz"],"futureField":{"kept":true}}]}}""";
        store.putIfAbsent("index.yaml", existing.getBytes(StandardCharsets.UTF_8),
                RepositoryLayout.indexHeaders(io.kube9.charts.repository.index.IndexFormat.JSON));

        publisher().publish(List.of(TestCharts.archive("old", "0.1.0")), false);

        ChartIndex index = index();
        IndexEntry old = index.find("old", "0.1").orElseThrow();
        assertEquals("2020-01-01T00:00:00Z", old.created());
        assertTrue(old.fields().path("futureField").path("kept").asBoolean());
        assertEquals("/x", index.otherFields().path("serverInfo").path("contextPath").asText());
        assertEquals(List.of("0.1", "0.1.0"), index.entries().get("old").stream().map(IndexEntry::version).toList(),
                "0.1 and 0.1.0 are different versions as strings; equal as SemVer, they sort by text");
    }

    @Test
    void dryRunReportsWhatWouldChangeAndWritesNothing() {
        PublishReport report = publisher().publish(List.of(TestCharts.archive("demo", "1.0.0")), true);

        assertEquals(UploadStatus.WOULD_UPLOAD, report.charts().get(0).packageStatus());
        assertEquals(List.of("demo 1.0.0"), report.indexEntriesAdded());
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), invalidations);
    }

    /**
     * Many publishers of different versions of one chart at once, each with its own S3 client: every
     * version must be in the final index with its digest. A read-merge-write without compare-and-swap
     * (or a retry that writes its stale merge) loses entries here. Single requests are made atomic
     * as on real S3 (see {@link AtomicRequestStore}); the publishers' read-merge-write races stay open.
     */
    @Test
    void concurrentPublishersOfOneChartLoseNoEntry() throws Exception {
        Object requestLock = new Object();
        assertConcurrentPublishersLoseNoEntry(() -> new AtomicRequestStore(TestBuckets.store(bucket), requestLock), store);
    }

    /** The same on a local directory, whose store provides the atomicity itself (lock + atomic rename). */
    @Test
    void concurrentPublishersOnALocalDirectoryLoseNoEntry(@TempDir Path directory) throws Exception {
        assertConcurrentPublishersLoseNoEntry(() -> new LocalDirectoryStore(directory), new LocalDirectoryStore(directory));
    }

    private static void assertConcurrentPublishersLoseNoEntry(Supplier<ObjectStore> ownStore, ObjectStore inspected)
            throws Exception {
        int publishers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Callable<PublishReport>> tasks = IntStream.range(0, publishers)
                    .<Callable<PublishReport>>mapToObj(i -> () -> new Publisher(ChartRepository.open(ownStore.get(), RepositorySettings.defaults("https://charts.kube9.io"), Invalidator.NONE, CLOCK, Progress.SILENT))
                            .publish(List.of(TestCharts.archive("race", "1." + i + ".0")), false))
                    .toList();
            for (Future<PublishReport> result : pool.invokeAll(tasks)) {
                assertTrue(result.get().indexWritten());
            }
        } finally {
            pool.shutdown();
        }
        ChartIndex index = StoredIndex.read(inspected);
        assertEquals(publishers, index.entries().get("race").size());
        for (int i = 0; i < publishers; i++) {
            String version = "1." + i + ".0";
            assertEquals(Sha256.hex(TestCharts.packageOf("race", version)), index.find("race", version).orElseThrow().digest());
            StoredObject pkg = inspected.get("race-" + version + ".tgz").orElseThrow();
            assertEquals(Sha256.hex(TestCharts.packageOf("race", version)), Sha256.hex(pkg.content()));
        }
        assertEquals("1.11.0", index.entries().get("race").get(0).version(), "newest first by SemVer, not by text");
    }
}
