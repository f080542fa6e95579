package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.StoredIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.LifecycleView;
import io.kube9.charts.lifecycle.VersionYanker;
import io.kube9.charts.migration.ImportReport;
import io.kube9.charts.migration.Importer;
import io.kube9.charts.migration.SourceRepository;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.RecordingStore;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.site.LandingPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.kube9.charts.migration.SourceException;
import org.junit.jupiter.api.Test;

/**
 * A publish downloads index.yaml once (on S3: S3Mock), and so do an import, a yank and an unyank: the landing page is
 * rendered from the index the run wrote,
 * recognised by the entity tag its conditional PUT answered, and it is the page a fresh read of the bucket gives.
 * When another run changes the index in between, the HEAD shows another entity tag and the page is rendered from a
 * new read, so it lists both runs' versions.
 */
class PublishReadsTheIndexOnceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T06:00:00Z"), ZoneOffset.UTC);
    private static final RepositorySettings SETTINGS = RepositorySettings.defaults("https://charts.kube9.io");

    @Test
    void thePageOfTheWrittenIndexIsRenderedWithoutDownloadingItAgain() {
        ObjectStore bucket = TestBuckets.store(TestBuckets.create("index-once"));
        publisher(bucket).publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        RecordingStore counted = new RecordingStore(bucket, null);

        publisher(counted).publish(List.of(TestCharts.archive("demo", "1.1.0")), false);

        assertEquals(List.of("index.yaml"), counted.downloads.stream().filter(key -> key.equals("index.yaml")).toList(),
                "downloads: " + counted.downloads);
        assertArrayEquals(pageOf(bucket), bucket.get("index.html").orElseThrow().content());
        assertTrue(new String(pageOf(bucket), StandardCharsets.UTF_8).contains("1.1.0"));
    }

    @Test
    void anIndexChangedByAnotherRunInBetweenIsReadAgainForThePage() {
        ObjectStore bucket = TestBuckets.store(TestBuckets.create("index-changed"));
        publisher(bucket).publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        RecordingStore counted = new RecordingStore(bucket,
                () -> publisher(bucket).publish(List.of(TestCharts.archive("other", "2.0.0")), false));

        publisher(counted).publish(List.of(TestCharts.archive("demo", "1.1.0")), false);

        assertEquals(2, counted.downloads.stream().filter(key -> key.equals("index.yaml")).count(), "downloads: " + counted.downloads);
        String page = new String(bucket.get("index.html").orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(page.contains("1.1.0") && page.contains("other"), page);
        assertArrayEquals(pageOf(bucket), page.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anImportRendersThePageOfTheIndexItWroteWithoutDownloadingItAgain() {
        ObjectStore legacy = TestBuckets.store(TestBuckets.create("import-source"));
        publisher(legacy).publish(List.of(TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0")), false);
        ObjectStore bucket = TestBuckets.store(TestBuckets.create("import-once"));
        publisher(bucket).publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        RecordingStore counted = new RecordingStore(bucket);

        ImportReport report = new Importer(new StoreSource(legacy), ChartRepository.open(counted, SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT), PackageMirror.NONE, 1).run(false);

        assertEquals(List.of("demo 1.1.0"), report.indexEntriesAdded(), report.toString());
        assertEquals(1, counted.downloads(RepositoryLayout.INDEX_KEY), "downloads: " + counted.downloads);
        assertArrayEquals(pageOf(bucket), bucket.get("index.html").orElseThrow().content());
        assertTrue(new String(pageOf(bucket), StandardCharsets.UTF_8).contains("1.1.0"));

        RecordingStore again = new RecordingStore(bucket);
        new Importer(new StoreSource(legacy), ChartRepository.open(again, SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT), PackageMirror.NONE, 1).run(false);
        assertEquals(1, again.downloads(RepositoryLayout.INDEX_KEY), "a re-run, index unchanged: " + again.downloads);
        assertArrayEquals(pageOf(bucket), bucket.get("index.html").orElseThrow().content());
    }

    @Test
    void aYankAndAnUnyankRenderThePageOfTheIndexTheyWroteWithoutDownloadingItAgain() {
        ObjectStore bucket = TestBuckets.store(TestBuckets.create("yank-once"));
        publisher(bucket).publish(List.of(TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0")), false);

        RecordingStore yank = new RecordingStore(bucket);
        new VersionYanker(lifecycle(yank), new Actor("octocat", null)).yank("demo", "1.1.0", "broken", false);
        assertEquals(1, yank.downloads(RepositoryLayout.INDEX_KEY), "downloads: " + yank.downloads);
        assertEquals(2, yank.downloads(RepositoryLayout.LIFECYCLE_KEY), "before the write, then for the page and the"
                + " invalidation's caller reference: " + yank.downloads);
        assertArrayEquals(pageOf(bucket), bucket.get("index.html").orElseThrow().content());
        assertTrue(new String(bucket.get("charts/demo/index.html").orElseThrow().content(), StandardCharsets.UTF_8)
                .contains("1.1.0 on 2026-12-01: broken"), "the chart's page says why");

        RecordingStore again = new RecordingStore(bucket);
        new VersionYanker(lifecycle(again), new Actor("octocat", null)).yank("demo", "1.1.0", "broken", false);
        assertEquals(1, again.downloads(RepositoryLayout.INDEX_KEY), "a re-run, nothing to change: " + again.downloads);

        RecordingStore unyank = new RecordingStore(bucket);
        new VersionYanker(lifecycle(unyank), new Actor("octocat", null)).unyank("demo", "1.1.0", false);
        assertEquals(1, unyank.downloads(RepositoryLayout.INDEX_KEY), "downloads: " + unyank.downloads);
        assertArrayEquals(pageOf(bucket), bucket.get("index.html").orElseThrow().content());
    }

    private static ChartRepository lifecycle(ObjectStore store) {
        Invalidator cdn = (paths, reference, wait, progress) -> Optional.of("I1");
        return ChartRepository.open(store, SETTINGS, cdn, CLOCK, Progress.SILENT);
    }

    /** A legacy repository to import from: the objects of another bucket, found by the keys of their URLs. */
    private record StoreSource(ObjectStore legacy) implements SourceRepository {
        @Override
        public String describe() {
            return legacy.describe();
        }

        @Override
        public byte[] index() {
            return legacy.get(RepositoryLayout.INDEX_KEY).orElseThrow().content();
        }

        @Override
        public String locate(String entryUrl) {
            return SETTINGS.keyOf(entryUrl).orElseThrow();
        }

        @Override
        public String provenanceOf(String packageLocation) {
            return packageLocation + ".prov";
        }

        @Override
        public <T> Optional<T> fetch(String location, long limit, Body<T> body) {
            return legacy.get(location).map(object -> {
                try {
                    return body.take(new ByteArrayInputStream(object.content()), () -> SourceException.refused(location + " is too large"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Publisher publisher(ObjectStore store) {
        return new Publisher(ChartRepository.open(store, SETTINGS, Invalidator.NONE, CLOCK, Progress.SILENT));
    }

    private static byte[] pageOf(ObjectStore bucket) {
        return new LandingPage(SETTINGS).render(StoredIndex.read(bucket), LifecycleView.read(bucket));
    }
}
