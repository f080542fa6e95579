package io.kube9.charts.publishing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.lifecycle.LifecycleView;
import io.kube9.charts.publishing.cdn.Invalidator;
import io.kube9.charts.publishing.storage.ObjectHeaders;
import io.kube9.charts.publishing.storage.ObjectInfo;
import io.kube9.charts.publishing.storage.ObjectStore;
import io.kube9.charts.publishing.storage.StoredObject;
import io.kube9.charts.publishing.storage.TestBuckets;
import io.kube9.charts.publishing.storage.WriteOutcome;
import io.kube9.charts.site.LandingPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A publish downloads index.yaml once (on S3: S3Mock): the landing page is rendered from the index the run wrote,
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
        CountingStore counted = new CountingStore(bucket, null);

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
        CountingStore counted = new CountingStore(bucket,
                () -> publisher(bucket).publish(List.of(TestCharts.archive("other", "2.0.0")), false));

        publisher(counted).publish(List.of(TestCharts.archive("demo", "1.1.0")), false);

        assertEquals(2, counted.downloads.stream().filter(key -> key.equals("index.yaml")).count(), "downloads: " + counted.downloads);
        String page = new String(bucket.get("index.html").orElseThrow().content(), StandardCharsets.UTF_8);
        assertTrue(page.contains("1.1.0") && page.contains("other"), page);
        assertArrayEquals(pageOf(bucket), page.getBytes(StandardCharsets.UTF_8));
    }

    private static Publisher publisher(ObjectStore store) {
        return new Publisher(store, Invalidator.NONE, SETTINGS, CLOCK, Progress.SILENT);
    }

    private static byte[] pageOf(ObjectStore bucket) {
        return new LandingPage(SETTINGS).render(StoredIndex.read(bucket), LifecycleView.read(bucket));
    }

    /** Records the keys it downloads; runs {@code afterIndexWrite} (another writer) once, right after index.yaml is written. */
    private static final class CountingStore implements ObjectStore {
        private final ObjectStore delegate;
        private Runnable afterIndexWrite;
        final List<String> downloads = new ArrayList<>();

        CountingStore(ObjectStore delegate, Runnable afterIndexWrite) {
            this.delegate = delegate;
            this.afterIndexWrite = afterIndexWrite;
        }

        @Override
        public Optional<StoredObject> get(String key) {
            downloads.add(key);
            return delegate.get(key);
        }

        @Override
        public Optional<ObjectInfo> head(String key) {
            return delegate.head(key);
        }

        @Override
        public WriteOutcome putIfAbsent(String key, byte[] content, ObjectHeaders headers) {
            return written(key, delegate.putIfAbsent(key, content, headers));
        }

        @Override
        public WriteOutcome putIfMatch(String key, byte[] content, ObjectHeaders headers, String expectedEtag) {
            return written(key, delegate.putIfMatch(key, content, headers, expectedEtag));
        }

        private WriteOutcome written(String key, WriteOutcome outcome) {
            if (key.equals(RepositoryLayout.INDEX_KEY) && outcome.written() && afterIndexWrite != null) {
                Runnable other = afterIndexWrite;
                afterIndexWrite = null;
                other.run();
            }
            return outcome;
        }

        @Override
        public List<String> list() {
            return delegate.list();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
