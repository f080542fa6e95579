package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.StoredIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.TestBuckets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disaster recovery against a real S3 API (S3Mock in this JVM). */
class ReindexerTest {
    private static final Clock PUBLISHED = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);
    private static final RepositorySettings SETTINGS = RepositorySettings.defaults("https://charts.kube9.io");
    private String bucket;
    private ObjectStore store;

    @BeforeEach
    void publishThreeVersions() {
        bucket = TestBuckets.create("reindex");
        store = TestBuckets.store(bucket);
        new Publisher(ChartRepository.open(store, SETTINGS, Invalidator.NONE, PUBLISHED, Progress.SILENT)).publish(List.of(
                TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0"), TestCharts.archive("other", "0.1.0")), false);
    }

    private Reindexer reindexer() {
        return new Reindexer(ChartRepository.open(store, SETTINGS, Invalidator.NONE, LATER, Progress.SILENT));
    }

    @Test
    void restoresADeletedIndexWithCreatedFromThePackagesUploadTimes() {
        ChartIndex before = StoredIndex.read(store);
        TestBuckets.server().client().deleteObject(b -> b.bucket(bucket).key("index.yaml"));

        ReindexReport report = reindexer().reindex(false);

        assertEquals("absent", report.previousIndex());
        assertEquals(3, report.entries());
        ChartIndex after = StoredIndex.read(store);
        assertEquals(before.entries().keySet(), after.entries().keySet());
        for (var entry : after.allEntries()) {
            IndexEntryAssert.sameExceptCreated(before.find(entry.name(), entry.version()).orElseThrow(), entry);
            assertEquals(store.head(entry.name() + "-" + entry.version() + ".tgz").orElseThrow().lastModified().toString(),
                    entry.created());
        }
    }

    @Test
    void keepsCreatedOfEveryEntryTheIndexStillListsAndAddsUnindexedPackages() {
        store.putIfAbsent("extra-2.0.0.tgz", TestCharts.packageOf("extra", "2.0.0"), RepositoryLayout.PACKAGE);

        ReindexReport report = reindexer().reindex(false);

        assertEquals(3, report.createdPreserved());
        ChartIndex after = StoredIndex.read(store);
        assertEquals("2025-01-02T03:04:05Z", after.find("demo", "1.0.0").orElseThrow().created());
        assertEquals("2025-01-02T03:04:05Z", after.find("other", "0.1.0").orElseThrow().created());
        assertTrue(after.find("extra", "2.0.0").isPresent());
    }

    @Test
    void replacesAnUnreadableIndexAndSkipsPackagesHelmCouldNotLoad() {
        store.get("index.yaml").ifPresent(current -> store.putIfMatch("index.yaml",
                "{\"apiVersion\":".getBytes(StandardCharsets.UTF_8), RepositoryLayout.PACKAGE, current.etag()));
        store.putIfAbsent("broken-1.0.0.tgz", "not a chart".getBytes(StandardCharsets.UTF_8), RepositoryLayout.PACKAGE);

        ReindexReport report = reindexer().reindex(false);

        assertEquals("unreadable", report.previousIndex());
        assertEquals(List.of("broken-1.0.0.tgz: archive: is not a gzip file (it does not start with the gzip magic bytes 1f 8b)."
                + " Publish the .tgz written by `helm package`, or pass the chart directory"), report.skippedPackages());
        assertEquals(3, StoredIndex.read(store).allEntries().size());
    }

    @Test
    void reindexingASoundRepositoryChangesNothing() {
        String etag = store.head("index.yaml").orElseThrow().etag();

        ReindexReport report = reindexer().reindex(false);

        assertFalse(report.indexWritten());
        assertEquals(etag, store.head("index.yaml").orElseThrow().etag());
    }

    @Test
    void keepsTheOciInstallCommandsAPublishWithAnOciRepositoryRecorded() {
        String oci = "oci://public.ecr.aws/kube9";
        new Publisher(ChartRepository.open(store, SETTINGS.withOciRepository(oci), Invalidator.NONE, PUBLISHED, Progress.SILENT))
                .publish(List.of(TestCharts.archive("demo", "1.2.0")), false);
        String published = page();
        assertTrue(published.contains(oci + "/demo"), "the publish renders the oci:// install command");
        assertEquals(java.util.Optional.of(oci), StoredIndex.read(store).annotation(RepositoryLayout.OCI_REPOSITORY_ANNOTATION),
                "the OCI repository is recorded in the index");

        TestBuckets.server().client().deleteObject(b -> b.bucket(bucket).key(RepositoryLayout.LANDING_PAGE_KEY));
        reindexer().reindex(false);

        assertEquals(published, page(), "reindex, given no --oci-repository, renders the same page from the recorded one");
    }

    private String page() {
        return new String(store.get(RepositoryLayout.LANDING_PAGE_KEY).orElseThrow().content(), StandardCharsets.UTF_8);
    }
}
