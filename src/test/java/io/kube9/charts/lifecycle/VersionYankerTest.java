package io.kube9.charts.lifecycle;

import java.time.Clock;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.LifecycleView;
import io.kube9.charts.repository.StoredLedger;
import io.kube9.charts.repository.ledger.YankRecord;
import static io.kube9.charts.lifecycle.LifecycleFixture.chart;
import static io.kube9.charts.lifecycle.LifecycleFixture.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.lifecycle.LifecycleFixture.Store;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.Reindexer;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.verification.Verifier;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.IndexFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** yank and unyank against a real S3 API (S3Mock in this JVM) and a local directory, with the real publisher. */
class VersionYankerTest {
    @TempDir
    Path directory;

    private LifecycleFixture repository(Store kind) {
        LifecycleFixture repository = new LifecycleFixture(kind, directory);
        repository.publish(chart("demo", "1.0.0"), chart("demo", "1.1.0"), chart("other", "0.1.0"));
        return repository;
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void yankTakesTheVersionOutOfTheIndexAndKeepsItsEntryExactlyAndItsPackage(Store kind) {
        LifecycleFixture repository = repository(kind);
        IndexEntry before = repository.entry("demo", "1.1.0");
        byte[] pkg = repository.bytes("demo-1.1.0.tgz");

        LifecycleReport report = repository.yanker().yank("demo", "1.1.0", "breaks upgrades from 1.0, see #42", false);

        assertTrue(report.changed() && report.ledgerWritten() && report.indexWritten(), report.toString());
        assertEquals(Optional.empty(), repository.index().find("demo", "1.1.0"));
        assertTrue(repository.index().find("demo", "1.0.0").isPresent());
        YankRecord record = repository.ledger().yanked("demo", "1.1.0").orElseThrow();
        assertEquals(json(before), json(record.entry()), "the entry is recorded exactly as it was indexed");
        assertEquals("breaks upgrades from 1.0, see #42", record.reason());
        assertEquals(Instant.parse("2026-11-24T06:00:00Z"), record.yankedAt());
        assertEquals(LifecycleFixture.ACTOR, record.actor());
        assertArrayEquals(pkg, repository.bytes("demo-1.1.0.tgz"), "the package is kept as it was");
        assertEquals(List.of(List.of("/index.yaml", "/", "/index.html", "/charts/*", "/lifecycle.json")), repository.invalidations);
        assertEquals(new io.kube9.charts.repository.storage.ObjectHeaders("application/json", "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400"),
                repository.store.head(RepositoryLayout.LIFECYCLE_KEY).orElseThrow().headers());
        String page = new String(repository.bytes("charts/demo/index.html"), StandardCharsets.UTF_8);
        assertFalse(page.contains("--version 1.1.0") || page.contains(">1.1.0</a>"), "the page no longer offers the yanked version");
        assertTrue(page.contains("<li>1.1.0 on 2026-11-24: breaks upgrades from 1.0, see #42</li>"),
                "the page says it was yanked and why: " + page);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void unyankPutsTheEntryBackByteForByte(Store kind) {
        LifecycleFixture repository = repository(kind);
        ChartIndex before = repository.index();
        repository.yanker().yank("demo", "1.1.0", "broken", false);

        LifecycleReport report = repository.yanker().unyank("demo", "1.1.0", false);

        assertTrue(report.changed() && report.indexWritten() && report.ledgerWritten(), report.toString());
        assertEquals(json(before.find("demo", "1.1.0").orElseThrow()), json(repository.entry("demo", "1.1.0")));
        assertEquals(List.of("1.1.0", "1.0.0"), repository.index().entries().get("demo").stream().map(IndexEntry::version).toList());
        IndexCodec codec = new IndexCodec();
        assertEquals(new String(codec.write(before.generatedAt(Instant.EPOCH), IndexFormat.JSON), StandardCharsets.UTF_8),
                new String(codec.write(repository.index().generatedAt(Instant.EPOCH), IndexFormat.JSON), StandardCharsets.UTF_8),
                "the whole index is as it was before the yank, but for its generated time");
        assertEquals(Ledger.EMPTY, repository.ledger());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void reRunningAYankOrAnUnyankChangesNothing(Store kind) {
        LifecycleFixture repository = repository(kind);
        repository.yanker().yank("demo", "1.1.0", "broken", false);
        Optional<String> index = repository.etag("index.yaml");
        Optional<String> ledger = repository.etag("lifecycle.json");

        LifecycleReport again = repository.yanker().yank("demo", "1.1.0", "another reason", false);

        assertFalse(again.changed() || again.ledgerWritten() || again.indexWritten(), again.toString());
        assertEquals("demo 1.1.0 is already yanked (since 2026-11-24T06:00:00Z: broken); nothing to change", again.summary());
        assertEquals(index, repository.etag("index.yaml"));
        assertEquals(ledger, repository.etag("lifecycle.json"));
        assertEquals("broken", repository.ledger().yanked("demo", "1.1.0").orElseThrow().reason(), "the first reason is kept");
        assertEquals(2, repository.invalidations.size(), "a re-run still asks for the invalidation (a killed run may not have)");

        repository.yanker().unyank("demo", "1.1.0", false);
        index = repository.etag("index.yaml");
        LifecycleReport unyankAgain = repository.yanker().unyank("demo", "1.1.0", false);
        assertFalse(unyankAgain.changed(), unyankAgain.toString());
        assertEquals("demo 1.1.0 is not yanked: index.yaml lists it; nothing to change", unyankAgain.summary());
        assertEquals(index, repository.etag("index.yaml"));
    }

    /** The state a yank killed between its two writes leaves, and an unyank killed between its two: the entry in both. */
    @ParameterizedTest
    @EnumSource(Store.class)
    void aRunInterruptedBetweenItsTwoWritesIsFinishedByEitherCommand(Store kind) {
        LifecycleFixture repository = repository(kind);
        IndexEntry entry = repository.entry("demo", "1.1.0");
        recordYankWithoutTouchingTheIndex(repository, entry);

        LifecycleReport yank = repository.yanker().yank("demo", "1.1.0", "a new reason", false);

        assertTrue(yank.summary().startsWith("finishing the yank of demo 1.1.0 recorded at 2026-01-01T00:00:00Z (its reason is"
                + " kept): removed from index.yaml"), yank.summary());
        assertFalse(yank.ledgerWritten());
        assertEquals(Optional.empty(), repository.index().find("demo", "1.1.0"));
        assertEquals("interrupted", repository.ledger().yanked("demo", "1.1.0").orElseThrow().reason());

        LifecycleFixture other = new LifecycleFixture(Store.S3, directory);
        other.publish(chart("demo", "1.0.0"), chart("demo", "1.1.0"));
        recordYankWithoutTouchingTheIndex(other, other.entry("demo", "1.1.0"));
        LifecycleReport unyank = other.yanker().unyank("demo", "1.1.0", false);
        assertTrue(unyank.summary().startsWith("finishing the unyank of demo 1.1.0"), unyank.summary());
        assertFalse(unyank.indexWritten());
        assertEquals(Ledger.EMPTY, other.ledger());
        assertEquals(json(entry), json(other.entry("demo", "1.1.0")));
    }

    private static void recordYankWithoutTouchingTheIndex(LifecycleFixture repository, IndexEntry entry) {
        Ledger ledger = Ledger.EMPTY.withYank("demo", "1.1.0",
                new YankRecord(entry, "interrupted", Instant.parse("2026-01-01T00:00:00Z"), Actor.NONE));
        repository.store.putIfAbsent(RepositoryLayout.LIFECYCLE_KEY, StoredLedger.write(ledger), RepositoryLayout.LIFECYCLE);
    }

    @Test
    void unknownChartsAndVersionsAreRefusedNamingWhatIsThere() {
        LifecycleFixture repository = repository(Store.S3);
        Optional<String> index = repository.etag("index.yaml");

        UnknownChartVersionException noChart = assertThrows(UnknownChartVersionException.class,
                () -> repository.yanker().yank("dmeo", "1.0.0", "typo", false));
        assertEquals("there is no chart \"dmeo\" in " + repository.store.describe() + "/index.yaml or lifecycle.json (charts: demo,"
                + " other). Check the name (`helm search repo`); nothing was changed", noChart.getMessage());
        UnknownChartVersionException noVersion = assertThrows(UnknownChartVersionException.class,
                () -> repository.yanker().yank("demo", "1.0", "typo", false));
        assertEquals("demo \"1.0\" is not indexed in " + repository.store.describe() + " (index.yaml lists demo 1.1.0, 1.0.0;"
                + " versions are compared exactly, so 1.0 is not 1.0.0). Check the version; nothing was changed", noVersion.getMessage());
        UnknownChartVersionException notYanked = assertThrows(UnknownChartVersionException.class,
                () -> repository.yanker().unyank("demo", "2.0.0", false));
        assertTrue(notYanked.getMessage().startsWith("demo \"2.0.0\" is not yanked in "), notYanked.getMessage());
        assertEquals(index, repository.etag("index.yaml"));
        assertEquals(Optional.empty(), repository.etag("lifecycle.json"));
    }

    @Test
    void publishingAYankedVersionAgainIsRefusedPointingAtUnyank() {
        LifecycleFixture repository = repository(Store.S3);
        repository.yanker().yank("demo", "1.1.0", "broken", false);
        Optional<String> index = repository.etag("index.yaml");
        Publisher publisher = new Publisher(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, LifecycleFixture.LATER, Progress.SILENT));

        for (boolean dryRun : new boolean[] {true, false}) {
            RepositoryConflictException refused = assertThrows(RepositoryConflictException.class,
                    () -> publisher.publish(List.of(chart("demo", "1.1.0")), dryRun));
            assertEquals("demo 1.1.0 was yanked at 2026-11-24T06:00:00Z by octocat (reason: broken, recorded in "
                    + repository.store.describe() + "/lifecycle.json), and its package is kept. To make this very version"
                    + " installable again run `kube9-charts unyank demo 1.1.0`; to ship a fix, bump the version in Chart.yaml."
                    + " Nothing was changed", refused.getMessage());
        }
        assertEquals(index, repository.etag("index.yaml"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void reindexDoesNotResurrectAYankedVersionAndVerifyKnowsItIsNotUnindexed(Store kind) {
        LifecycleFixture repository = repository(kind);
        repository.yanker().yank("demo", "1.1.0", "broken", false);
        repository.store.get("index.yaml").ifPresent(index -> repository.store.putIfMatch("index.yaml",
                "{\"apiVersion\":".getBytes(StandardCharsets.UTF_8), RepositoryLayout.indexHeaders(IndexFormat.JSON), index.etag()));

        new Reindexer(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, LifecycleFixture.LATER, Progress.SILENT))
                .reindex(false);

        assertEquals(List.of("demo 1.0.0", "other 0.1.0"),
                repository.index().allEntries().stream().map(e -> e.name() + " " + e.version()).toList());
        assertEquals(List.of(), new Verifier(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.empty())
                .problems());
    }

    @Test
    void verifyReportsAnInterruptedYank() {
        LifecycleFixture repository = repository(Store.S3);
        recordYankWithoutTouchingTheIndex(repository, repository.entry("demo", "1.1.0"));

        assertEquals(List.of("demo 1.1.0 is yanked in lifecycle.json but index.yaml still lists it (a yank or unyank was"
                        + " interrupted): run `yank demo 1.1.0 --reason ...` or `unyank demo 1.1.0` again to finish it"),
                new Verifier(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.empty()).problems());
    }

    @Test
    void aCorruptLedgerIsRefusedByEveryWriterAndLeftUntouched() {
        LifecycleFixture repository = repository(Store.S3);
        byte[] corrupt = "{\"schemaVersion\": 1, \"yanked\": {\"demo\": {\"1.1.0\": {\"reason\": \"x\"}}}}".getBytes(StandardCharsets.UTF_8);
        repository.store.putIfAbsent(RepositoryLayout.LIFECYCLE_KEY, corrupt, RepositoryLayout.LIFECYCLE);
        Optional<String> index = repository.etag("index.yaml");
        String expected = repository.store.describe() + "/lifecycle.json cannot be read as the lifecycle ledger:"
                + " yanked[\"demo\"][\"1.1.0\"].entry: is missing, expected a JSON object. It was left untouched and nothing was"
                + " changed. Fix that field, or restore the previous version of the object (the bucket keeps versions), then run"
                + " the command again";

        List<Runnable> writers = List.of(
                () -> repository.yanker().yank("demo", "1.0.0", "broken", false),
                () -> repository.yanker().unyank("demo", "1.1.0", false),
                () -> repository.deprecator().deprecate("demo", "old", false),
                () -> new Publisher(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, LifecycleFixture.LATER, Progress.SILENT)).publish(List.of(chart("demo", "2.0.0")), false),
                () -> new Reindexer(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, LifecycleFixture.LATER, Progress.SILENT)).reindex(false));
        for (Runnable writer : writers) {
            assertEquals(expected, assertThrows(RepositoryConflictException.class, writer::run).getMessage());
        }
        assertArrayEquals(corrupt, repository.bytes(RepositoryLayout.LIFECYCLE_KEY));
        assertEquals(index, repository.etag("index.yaml"));
        assertFalse(repository.store.head("demo-2.0.0.tgz").isPresent(), "the refused publish uploaded nothing");
        assertTrue(new Verifier(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.empty()).problems()
                .get(0).startsWith("lifecycle.json cannot be read as the lifecycle ledger: yanked[\"demo\"][\"1.1.0\"].entry"));
    }

    @Test
    void yankingEveryVersionOfAChartTakesTheChartOutOfTheIndexAndUnyankBringsItBack() {
        LifecycleFixture repository = repository(Store.S3);
        repository.yanker().yank("other", "0.1.0", "retired", false);

        assertFalse(repository.index().entries().containsKey("other"), "Helm never sees a chart with no versions");
        assertEquals(List.of(new LifecycleView.YankedVersion("0.1.0", "retired", LifecycleFixture.LATER.instant())),
                LifecycleView.read(repository.store).yanked("other"));

        repository.yanker().unyank("other", "0.1.0", false);
        assertTrue(repository.index().find("other", "0.1.0").isPresent());
    }

    @Test
    void dryRunsWriteNothing() {
        LifecycleFixture repository = repository(Store.S3);
        Optional<String> index = repository.etag("index.yaml");

        LifecycleReport yank = repository.yanker().yank("demo", "1.1.0", "broken", true);

        assertTrue(yank.dryRun() && yank.changed() && !yank.indexWritten(), yank.toString());
        assertEquals(index, repository.etag("index.yaml"));
        assertEquals(Optional.empty(), repository.etag("lifecycle.json"));
        repository.yanker().yank("demo", "1.1.0", "broken", false);
        index = repository.etag("index.yaml");
        assertTrue(repository.yanker().unyank("demo", "1.1.0", true).changed());
        assertEquals(index, repository.etag("index.yaml"));
        assertTrue(repository.ledger().yanked("demo", "1.1.0").isPresent());
        assertEquals(1, repository.invalidations.size(), "dry runs do not invalidate");
    }

    @Test
    void unyankIsRefusedWhenThePackageIsGone() throws Exception {
        LifecycleFixture repository = repository(Store.LOCAL_DIRECTORY);
        repository.yanker().yank("demo", "1.1.0", "broken", false);
        java.nio.file.Files.delete(directory.resolve("demo-1.1.0.tgz"));

        RepositoryConflictException refused = assertThrows(RepositoryConflictException.class,
                () -> repository.yanker().unyank("demo", "1.1.0", false));

        assertEquals("demo 1.1.0: its package demo-1.1.0.tgz is missing from " + directory.toRealPath() + ", so Helm could not"
                + " download a restored entry. Restore the object's previous version (the bucket keeps versions), then run unyank"
                + " again. Nothing was changed", refused.getMessage());
        assertTrue(repository.ledger().yanked("demo", "1.1.0").isPresent());
    }

    @Test
    void anIndexEntryTheLedgerCouldNotHoldIsNotYankedAndNothingChanges() {
        LifecycleFixture repository = repository(Store.S3);
        ChartIndex index = repository.index();
        com.fasterxml.jackson.databind.node.ObjectNode withoutUrls = repository.entry("demo", "1.1.0").fields();
        withoutUrls.remove("urls");
        java.util.Map<String, List<IndexEntry>> entries = new java.util.LinkedHashMap<>(index.entries());
        entries.put("demo", List.of(new IndexEntry(withoutUrls), repository.entry("demo", "1.0.0")));
        byte[] edited = new IndexCodec().write(new ChartIndex(index.apiVersion(), index.generated(), entries, index.otherFields()),
                IndexFormat.JSON);
        repository.store.putIfMatch("index.yaml", edited, RepositoryLayout.indexHeaders(IndexFormat.JSON),
                repository.etag("index.yaml").orElseThrow());
        Optional<String> indexBefore = repository.etag("index.yaml");

        RepositoryConflictException refused = assertThrows(RepositoryConflictException.class,
                () -> repository.yanker().yank("demo", "1.1.0", "broken", false));

        assertEquals("lifecycle.json would not be readable after this change: yanked[\"demo\"][\"1.1.0\"].entry.urls: is"
                + " missing, not a list starting with the package URL. Nothing was changed. Fix that field of the entry in"
                + " index.yaml (reindex rebuilds entries from the packages), then run the command again", refused.getMessage());
        assertFalse(repository.store.head(RepositoryLayout.LIFECYCLE_KEY).isPresent(), "no ledger was written");
        assertEquals(indexBefore, repository.etag("index.yaml"));
        assertTrue(repository.yanker().yank("demo", "1.0.0", "broken", false).changed(), "the ledger stays readable");
    }
}
