package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.StoredLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.StoredIndex;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A repository in S3Mock or a local directory, with charts published by the real publisher, and the lifecycle commands on it. */
final class LifecycleFixture {
    static final Clock PUBLISHED = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    static final Clock LATER = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);
    static final RepositorySettings SETTINGS = RepositorySettings.defaults("https://charts.kube9.io");
    static final Actor ACTOR = new Actor("octocat", "https://github.com/alto9/kube9-charts/actions/runs/42");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the repository lives. */
    enum Store { S3, LOCAL_DIRECTORY }

    final ObjectStore store;
    final List<List<String>> invalidations = new ArrayList<>();
    final Invalidator invalidator = (paths, reference, wait, progress) -> {
        invalidations.add(paths);
        return Optional.of("I" + invalidations.size());
    };

    LifecycleFixture(Store kind, Path directory) {
        store = kind == Store.S3 ? TestBuckets.store(TestBuckets.create("lifecycle")) : new LocalDirectoryStore(directory);
    }

    void publish(ChartArchive... charts) {
        new Publisher(ChartRepository.open(store, SETTINGS, Invalidator.NONE, PUBLISHED, Progress.SILENT)).publish(List.of(charts), false);
    }

    VersionYanker yanker() {
        return yanker(store);
    }

    /** The yanker working through {@code store}, e.g. one that counts the requests to this repository's. */
    VersionYanker yanker(ObjectStore store) {
        return new VersionYanker(ChartRepository.open(store, SETTINGS, invalidator, LATER, Progress.SILENT), ACTOR);
    }

    ChartDeprecator deprecator() {
        return new ChartDeprecator(ChartRepository.open(store, SETTINGS, invalidator, LATER, Progress.SILENT), ACTOR);
    }

    ChartIndex index() {
        return StoredIndex.read(store);
    }

    Ledger ledger() {
        return StoredLedger.read(store);
    }

    IndexEntry entry(String chart, String version) {
        return index().find(chart, version).orElseThrow(() -> new AssertionError(chart + " " + version + " is not indexed"));
    }

    byte[] bytes(String key) {
        return store.get(key).orElseThrow(() -> new AssertionError(key + " is missing")).content();
    }

    Optional<String> etag(String key) {
        return store.head(key).map(info -> info.etag());
    }

    /** An entry as JSON text, for byte-for-byte comparisons. */
    static String json(IndexEntry entry) {
        try {
            return JSON.writeValueAsString(entry.fields());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChartArchive chart(String name, String version) {
        return TestCharts.archive(name, version);
    }

    /** A chart whose own Chart.yaml says {@code deprecated: true}. */
    static ChartArchive chartDeprecatedByItsChartYaml(String name, String version) {
        return TestCharts.read(name + "-" + version + ".tgz", ChartArchiveBuilder.empty()
                .file(name + "/Chart.yaml", ChartArchiveBuilder.chartYaml(name, version) + "deprecated: true\n")
                .file(name + "/values.yaml", "replicaCount: 1\n").tgz());
    }
}
