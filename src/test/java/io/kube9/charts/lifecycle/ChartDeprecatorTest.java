package io.kube9.charts.lifecycle;

import java.time.Clock;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.ledger.Deprecation;
import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.LifecycleView;
import static io.kube9.charts.lifecycle.LifecycleFixture.chart;
import static io.kube9.charts.lifecycle.LifecycleFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.lifecycle.LifecycleFixture.Store;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Reindexer;
import io.kube9.charts.verification.Verifier;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.RecordingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** deprecate and --undo against a real S3 API (S3Mock) and a local directory, with the real publisher. */
class ChartDeprecatorTest {
    @TempDir
    Path directory;

    private LifecycleFixture repository(Store kind) {
        LifecycleFixture repository = new LifecycleFixture(kind, directory);
        repository.publish(LifecycleFixture.chartDeprecatedByItsChartYaml("legacy", "1.0.0"), chart("legacy", "1.1.0"),
                chart("other", "0.1.0"));
        return repository;
    }

    private static Map<String, Boolean> marks(LifecycleFixture repository, String chart) {
        return repository.index().entries().get(chart).stream()
                .collect(Collectors.toMap(IndexEntry::version, IndexEntry::deprecated));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void marksEveryVersionAndTheVersionsPublishedLater(Store kind) {
        LifecycleFixture repository = repository(kind);

        LifecycleReport report = repository.deprecator().deprecate("legacy", "use kube9-operator instead", false);

        assertEquals(List.of("1.1.0"), report.versionsChanged(), "1.0.0 is marked by its own Chart.yaml already");
        assertEquals(Map.of("1.0.0", true, "1.1.0", true), marks(repository, "legacy"));
        assertEquals(Map.of("0.1.0", false), marks(repository, "other"));
        Deprecation deprecation = repository.ledger().deprecation("legacy").orElseThrow();
        assertEquals("use kube9-operator instead", deprecation.message());
        assertEquals(LifecycleFixture.ACTOR, deprecation.actor());
        assertEquals(Optional.of(new LifecycleView.DeprecatedChart("use kube9-operator instead", LifecycleFixture.LATER.instant())),
                LifecycleView.read(repository.store).deprecation("legacy"));

        repository.publish(chart("legacy", "1.2.0"));
        assertTrue(repository.entry("legacy", "1.2.0").deprecated(), "a version published later keeps the mark");
        assertEquals(List.of(), new Verifier(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).verify(Optional.empty())
                .problems());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void undoRemovesOnlyTheMarksThisToolSet(Store kind) {
        LifecycleFixture repository = repository(kind);
        ChartIndex before = repository.index();
        repository.deprecator().deprecate("legacy", null, false);

        LifecycleReport report = repository.deprecator().undo("legacy", false);

        assertEquals(List.of("1.1.0"), report.versionsChanged());
        assertEquals(List.of("1.0.0"), report.versionsKept());
        for (IndexEntry entry : before.allEntries()) {
            assertEquals(json(entry), json(repository.entry(entry.name(), entry.version())), "entries are as they were");
        }
        assertEquals(Ledger.EMPTY, repository.ledger());
        assertEquals("undoing the deprecation of legacy: removing deprecated: true from 1.1.0 in index.yaml; 1.0.0 keep the mark"
                + " their own Chart.yaml sets; removed from lifecycle.json", report.summary());
    }

    @Test
    void reRunsChangeNothingAndANewMessageReplacesTheOldOne() {
        LifecycleFixture repository = repository(Store.S3);
        repository.deprecator().deprecate("legacy", "first", false);
        Optional<String> index = repository.etag("index.yaml");
        Optional<String> ledger = repository.etag("lifecycle.json");

        LifecycleReport again = repository.deprecator().deprecate("legacy", null, false);
        assertFalse(again.changed() || again.ledgerWritten() || again.indexWritten(), again.toString());
        assertEquals("legacy is already deprecated (since 2026-11-24T06:00:00Z); nothing to change", again.summary());
        assertEquals(index, repository.etag("index.yaml"));
        assertEquals(ledger, repository.etag("lifecycle.json"));

        LifecycleReport reworded = repository.deprecator().deprecate("legacy", "second", false);
        assertTrue(reworded.ledgerWritten() && !reworded.indexWritten(), reworded.toString());
        assertEquals("second", repository.ledger().deprecation("legacy").orElseThrow().message());

        repository.deprecator().undo("legacy", false);
        LifecycleReport undoAgain = repository.deprecator().undo("legacy", false);
        assertFalse(undoAgain.changed(), undoAgain.toString());
        assertEquals("legacy is not deprecated by this tool; nothing to undo (1.0.0 keep the mark their own Chart.yaml sets)",
                undoAgain.summary());
    }

    @Test
    void anUnknownChartIsRefused() {
        LifecycleFixture repository = repository(Store.S3);
        assertThrows(UnknownChartVersionException.class, () -> repository.deprecator().deprecate("nope", null, false));
        assertThrows(UnknownChartVersionException.class, () -> repository.deprecator().undo("nope", false));
        assertEquals(Optional.empty(), repository.etag("lifecycle.json"));
    }

    /** A version yanked while the chart's deprecation changed comes back in step with the chart. */
    @Test
    void unyankBringsAVersionBackInStepWithTheChartsDeprecation() {
        LifecycleFixture repository = repository(Store.S3);
        IndexEntry unmarked = repository.entry("legacy", "1.1.0");
        repository.yanker().yank("legacy", "1.1.0", "broken", false);
        repository.deprecator().deprecate("legacy", null, false);
        repository.yanker().unyank("legacy", "1.1.0", false);
        assertTrue(repository.entry("legacy", "1.1.0").deprecated(), "deprecated meanwhile: marked");

        repository.yanker().yank("legacy", "1.1.0", "broken again", false);
        repository.yanker().yank("legacy", "1.0.0", "broken too", false);
        repository.deprecator().undo("legacy", false);
        RecordingStore counted = new RecordingStore(repository.store);
        repository.yanker(counted).unyank("legacy", "1.1.0", false);
        repository.yanker(counted).unyank("legacy", "1.0.0", false);
        assertEquals(1, counted.downloads("legacy-1.1.0.tgz"), "its digest and its own Chart.yaml from one download: "
                + counted.downloads);
        assertEquals(1, counted.downloads("legacy-1.0.0.tgz"), "downloads: " + counted.downloads);
        assertEquals(json(unmarked), json(repository.entry("legacy", "1.1.0")), "undone meanwhile: this tool's mark is gone");
        assertTrue(repository.entry("legacy", "1.0.0").deprecated(), "its own Chart.yaml's mark stays");
    }

    @Test
    void reindexKeepsTheMarks() {
        LifecycleFixture repository = repository(Store.S3);
        repository.deprecator().deprecate("legacy", null, false);
        Map<String, Boolean> marked = marks(repository, "legacy");

        new Reindexer(ChartRepository.open(repository.store, LifecycleFixture.SETTINGS, Invalidator.NONE, LifecycleFixture.LATER, Progress.SILENT))
                .reindex(false);

        assertEquals(marked, marks(repository, "legacy"));
        assertEquals(Map.of("0.1.0", false), marks(repository, "other"));
    }
}
