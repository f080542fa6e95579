package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.IndexUpdate;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.ledger.Deprecation;
import io.kube9.charts.repository.ledger.LedgerCodec;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectStore;
import java.util.List;
import java.util.Optional;

/**
 * Deprecate: marks every version of a chart {@code deprecated: true} in the index (Artifact Hub shows
 * it; {@code helm search repo} still lists the chart) and records the chart in the ledger, from which
 * the publisher marks versions published later. Undo removes the marks this tool set and keeps those
 * of a version whose own Chart.yaml says {@code deprecated: true}.
 *
 * <p>As with yank, the ledger is written before the index when the change starts and after it when the
 * change is undone, so a run that dies in between is finished by its re-run.
 */
public final class ChartDeprecator {
    private final ChartRepository repository;
    private final Actor actor;
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Progress progress;

    /** @param actor who runs the command, recorded in the ledger */
    public ChartDeprecator(ChartRepository repository, Actor actor) {
        this.repository = repository;
        this.actor = actor;
        this.store = repository.store();
        this.settings = repository.settings();
        this.progress = repository.progress();
    }

    /** @param message shown on the landing page; null keeps the message of an earlier deprecation (or none) */
    public LifecycleReport deprecate(String chart, String message, boolean dryRun) {
        LedgerCodec.textProblem(message, false).ifPresent(problem -> {
            throw new IllegalArgumentException("the message " + problem);
        });
        RepositoryChanges changes = known(chart);
        List<String> unmarked = versions(changes.index(), chart, entry -> !entry.deprecated());
        Optional<Deprecation> existing = changes.ledger().deprecation(chart);
        boolean recordChanges = needsRecord(existing, message);
        boolean changed = recordChanges || !unmarked.isEmpty();
        String summary = !changed ? chart + " is already deprecated (since " + existing.get().deprecatedAt() + "); nothing to change"
                : "deprecating " + chart + ": " + (unmarked.isEmpty() ? "every version is already marked" : "marking "
                        + String.join(", ", unmarked)) + " deprecated: true in " + RepositoryLayout.INDEX_KEY
                        + (recordChanges ? "; recorded in " + RepositoryLayout.LIFECYCLE_KEY + " so later versions are marked too" : "");
        progress.line((dryRun && changed ? "dry run: " : "") + summary);
        LifecycleReport report = LifecycleReport.planned("deprecate", chart, null, dryRun, changed, summary, null, unmarked, List.of());
        if (dryRun) {
            return report;
        }
        Deprecation deprecation = new Deprecation(message != null ? message : existing.map(Deprecation::message).orElse(""),
                repository.clock().instant(), actor);
        boolean ledgerWritten = changes.updateLedger(current -> needsRecord(current.deprecation(chart), message)
                ? Optional.of(current.withDeprecation(chart, deprecation)) : Optional.empty());
        IndexUpdate<Void> index = changes.updateIndex(current ->
                versions(current, chart, entry -> !entry.deprecated()).isEmpty() ? Optional.empty()
                        : Optional.of(IndexEdits.editChart(current, chart, IndexEntry::markedDeprecated)));
        return report.written(ledgerWritten, index.written(), index.attempts()).refreshed(changes.refresh());
    }

    public LifecycleReport undo(String chart, boolean dryRun) {
        RepositoryChanges changes = known(chart);
        DeprecationMarks marks = new DeprecationMarks(store, settings, progress);
        List<String> marked = versions(changes.index(), chart, IndexEntry::deprecated);
        List<String> kept = versions(changes.index(), chart, entry -> entry.deprecated()
                && marks.chartYamlSaysDeprecated(entry));
        List<String> unmarking = marked.stream().filter(version -> !kept.contains(version)).toList();
        boolean recorded = changes.ledger().deprecation(chart).isPresent();
        boolean changed = recorded || !unmarking.isEmpty();
        String summary = !changed ? chart + " is not deprecated by this tool; nothing to undo"
                + (kept.isEmpty() ? "" : " (" + String.join(", ", kept) + " keep the mark their own Chart.yaml sets)")
                : "undoing the deprecation of " + chart + ": " + (unmarking.isEmpty() ? "no mark of this tool is left"
                        : "removing deprecated: true from " + String.join(", ", unmarking)) + " in " + RepositoryLayout.INDEX_KEY
                        + (kept.isEmpty() ? "" : "; " + String.join(", ", kept) + " keep the mark their own Chart.yaml sets")
                        + (recorded ? "; removed from " + RepositoryLayout.LIFECYCLE_KEY : "");
        progress.line((dryRun && changed ? "dry run: " : "") + summary);
        LifecycleReport report = LifecycleReport.planned("deprecate --undo", chart, null, dryRun, changed, summary, null, unmarking,
                kept);
        if (dryRun) {
            return report;
        }
        IndexUpdate<Void> index = changes.updateIndex(current -> {
            ChartIndex edited = IndexEdits.editChart(current, chart, marks::withoutToolMark);
            return edited.entries().equals(current.entries()) ? Optional.empty() : Optional.of(edited);
        });
        boolean ledgerWritten = changes.updateLedger(current -> current.deprecation(chart)
                .map(ignored -> current.withoutDeprecation(chart)));
        return report.written(ledgerWritten, index.written(), index.attempts()).refreshed(changes.refresh());
    }

    /** A record is written when there is none, or when a new message replaces the recorded one. */
    private static boolean needsRecord(Optional<Deprecation> existing, String message) {
        return existing.isEmpty() || (message != null && !message.equals(existing.get().message()));
    }

    private RepositoryChanges known(String chart) {
        RepositoryChanges changes = new RepositoryChanges(repository);
        if (!changes.knows(chart)) {
            throw changes.unknown(chart, null, null);
        }
        return changes;
    }

    private static List<String> versions(ChartIndex index, String chart, java.util.function.Predicate<IndexEntry> filter) {
        return index.entries().getOrDefault(chart, List.of()).stream().filter(filter).map(IndexEntry::version).toList();
    }
}
