package io.kube9.charts.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.lifecycle.LifecycleFixture.Store;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.Reindexer;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.verification.Verifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every mutable object the commands write (index, pages, lifecycle ledger, Artifact Hub metadata) carries the stale
 * directives, in S3 (S3Mock) and a local directory; objects written with the older header are reported by verify and
 * rewritten, with the same bytes, by a reindex.
 */
class MutableObjectCacheControlTest {
    private static final String STALE = "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400";
    private static final String OLD = "public, max-age=300";
    private static final List<String> MUTABLE_KEYS = List.of("index.yaml", "index.html", "lifecycle.json", "artifacthub-repo.yml");

    @TempDir
    Path directory;

    private ChartRepository open(LifecycleFixture fixture) {
        RepositorySettings settings = LifecycleFixture.SETTINGS.withArtifactHubRepositoryId("c0ffee00-0000-4000-8000-000000000001");
        return ChartRepository.open(fixture.store, settings, Invalidator.NONE, LifecycleFixture.LATER, Progress.SILENT);
    }

    private LifecycleFixture published(Store kind) {
        LifecycleFixture fixture = new LifecycleFixture(kind, directory);
        new Publisher(open(fixture)).publish(List.of(LifecycleFixture.chart("demo", "1.0.0"), LifecycleFixture.chart("demo", "1.1.0")), false);
        new VersionYanker(open(fixture), Actor.NONE).yank("demo", "1.1.0", "broken", false);
        return fixture;
    }

    private static Map<String, String> cacheControlOfEveryMutableObject(LifecycleFixture fixture) {
        return fixture.store.list().stream()
                .filter(key -> !key.endsWith(RepositoryLayout.PACKAGE_SUFFIX) && !key.endsWith(RepositoryLayout.PROVENANCE_SUFFIX))
                .collect(Collectors.toMap(key -> key, key -> fixture.store.head(key).orElseThrow().headers().cacheControl()));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void everyMutableObjectIsServedStaleWhileRevalidatingAndOnOriginErrors(Store kind) {
        LifecycleFixture fixture = published(kind);

        Map<String, String> cacheControl = cacheControlOfEveryMutableObject(fixture);
        assertTrue(cacheControl.keySet().containsAll(MUTABLE_KEYS), cacheControl.toString());
        cacheControl.forEach((key, value) -> assertEquals(STALE, value, key));
        assertEquals(STALE, RepositoryLayout.MUTABLE);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void objectsWrittenWithTheOlderHeaderAreReportedThenRewrittenWithTheSameBytesByReindex(Store kind) {
        LifecycleFixture fixture = published(kind);
        Map<String, byte[]> before = new java.util.HashMap<>();
        for (String key : MUTABLE_KEYS) {
            StoredObject object = fixture.store.get(key).orElseThrow();
            before.put(key, object.content());
            assertTrue(fixture.store.putIfMatch(key, object.content(),
                    new ObjectHeaders(object.info().headers().contentType(), OLD), object.etag()).written());
        }

        List<String> problems = new Verifier(open(fixture)).verify(Optional.empty()).problems();
        for (String key : List.of("index.yaml", "index.html", "lifecycle.json")) {
            assertTrue(problems.contains(key + ": Cache-Control is \"" + OLD + "\", expected \"" + STALE + "\" (written before the"
                    + " stale-while-revalidate and stale-if-error directives: run `reindex`, which rewrites index.yaml, the pages"
                    + " and lifecycle.json with the current headers)"), problems.toString());
        }

        new Reindexer(open(fixture)).reindex(false);

        cacheControlOfEveryMutableObject(fixture).forEach((key, value) -> assertEquals(STALE, value, key));
        for (String key : MUTABLE_KEYS) {
            assertArrayEquals(before.get(key), fixture.bytes(key), key + " keeps its bytes");
        }
        assertEquals(List.of(), new Verifier(open(fixture)).verify(Optional.empty()).problems());
    }
}
