package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.IndexUpdate;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.ledger.LedgerCodec;
import io.kube9.charts.repository.ledger.YankRecord;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.List;
import java.util.Optional;

/**
 * Yank: takes a version out of {@code index.yaml}, so Helm can no longer resolve it (not as the latest,
 * not in a range, not by {@code --version}), and keeps its entry in the ledger; the package and
 * provenance bytes stay where they are. Unyank puts the entry back as it was.
 *
 * <p>The order of the two writes keeps every entry in the index or in the ledger at every moment:
 * yank writes the ledger first and the index second, unyank the index first and the ledger second. A
 * run that dies in between leaves the version both indexed and recorded as yanked; re-running either
 * command finishes it, and a command that finds its work done changes nothing.
 */
public final class VersionYanker {
    private final ChartRepository repository;
    private final Actor actor;
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Progress progress;

    /** @param actor who runs the command, recorded in the ledger */
    public VersionYanker(ChartRepository repository, Actor actor) {
        this.repository = repository;
        this.actor = actor;
        this.store = repository.store();
        this.settings = repository.settings();
        this.progress = repository.progress();
    }

    public LifecycleReport yank(String chart, String version, String reason, boolean dryRun) {
        LedgerCodec.textProblem(reason, true).ifPresent(problem -> {
            throw new IllegalArgumentException("the reason " + problem);
        });
        RepositoryChanges changes = new RepositoryChanges(repository);
        Optional<IndexEntry> indexed = changes.index().find(chart, version);
        Optional<YankRecord> recorded = changes.ledger().yanked(chart, version);
        String label = chart + " " + version;
        if (indexed.isEmpty()) {
            YankRecord yanked = recorded.orElseThrow(() -> changes.unknown(chart, version, "indexed"));
            return unchanged(changes, plan("yank", chart, version, dryRun, false, label + " is already yanked (since "
                    + yanked.yankedAt() + ": " + yanked.reason() + "); nothing to change", yanked.entry()));
        }
        IndexEntry entry = recorded.map(YankRecord::entry).orElse(indexed.get());
        requireSameDigest(entry, indexed.get());
        String summary = (recorded.isPresent() ? "finishing the yank of " + label + " recorded at " + recorded.get().yankedAt()
                + " (its reason is kept): " : "yanking " + label + ": ")
                + "removed from " + RepositoryLayout.INDEX_KEY + ", entry kept in " + RepositoryLayout.LIFECYCLE_KEY
                + "; the package (sha256 " + entry.digest() + ") and any provenance file stay in " + store.describe();
        LifecycleReport report = plan("yank", chart, version, dryRun, true, summary, entry);
        if (dryRun) {
            return report;
        }
        YankRecord record = new YankRecord(indexed.get(), reason, repository.clock().instant(), actor);
        boolean ledgerWritten = changes.updateLedger(current -> {
            Optional<YankRecord> now = current.yanked(chart, version);
            now.ifPresent(existing -> requireSameDigest(existing.entry(), indexed.get()));
            return now.isPresent() ? Optional.empty() : Optional.of(current.withYank(chart, version, record));
        });
        IndexUpdate<Void> index = changes.updateIndex(current -> current.find(chart, version).map(now -> {
            requireSameDigest(entry, now);
            return IndexEdits.without(current, chart, version);
        }));
        return report.written(ledgerWritten, index.written(), index.attempts()).refreshed(changes.refresh());
    }

    public LifecycleReport unyank(String chart, String version, boolean dryRun) {
        RepositoryChanges changes = new RepositoryChanges(repository);
        Optional<IndexEntry> indexed = changes.index().find(chart, version);
        Optional<YankRecord> recorded = changes.ledger().yanked(chart, version);
        String label = chart + " " + version;
        if (recorded.isEmpty()) {
            IndexEntry listed = indexed.orElseThrow(() -> changes.unknown(chart, version, "yanked"));
            return unchanged(changes, plan("unyank", chart, version, dryRun, false, label + " is not yanked: "
                    + RepositoryLayout.INDEX_KEY + " lists it; nothing to change", listed));
        }
        indexed.ifPresent(listed -> requireSameDigest(recorded.get().entry(), listed));
        IndexEntry restored = restorable(recorded.get().entry(), changes.ledger().deprecation(chart).isPresent());
        String summary = (indexed.isPresent() ? "finishing the unyank of " : "unyanking ") + label + ": its entry is back in "
                + RepositoryLayout.INDEX_KEY + " as it was (sha256 " + restored.digest() + ", created " + restored.created()
                + "), and its record is removed from " + RepositoryLayout.LIFECYCLE_KEY;
        LifecycleReport report = plan("unyank", chart, version, dryRun, true, summary, restored);
        if (dryRun) {
            return report;
        }
        IndexUpdate<Void> index = changes.updateIndex(current -> {
            Optional<IndexEntry> now = current.find(chart, version);
            now.ifPresent(listed -> requireSameDigest(restored, listed));
            return now.isPresent() ? Optional.empty() : Optional.of(IndexEdits.with(current, restored));
        });
        boolean ledgerWritten = changes.updateLedger(current -> current.yanked(chart, version)
                .map(ignored -> current.withoutYank(chart, version)));
        return report.written(ledgerWritten, index.written(), index.attempts()).refreshed(changes.refresh());
    }

    /** Says what the run does (in a dry run: would do) and returns the report before any write. */
    private LifecycleReport plan(String command, String chart, String version, boolean dryRun, boolean changed, String summary,
            IndexEntry entry) {
        progress.line((dryRun && changed ? "dry run: " : "") + summary);
        return LifecycleReport.planned(command, chart, version, dryRun, changed, summary, entry.fields(), List.of(), List.of());
    }

    /** Nothing to change; a real run still refreshes, so a re-run completes the refresh of a run killed before it. */
    private static LifecycleReport unchanged(RepositoryChanges changes, LifecycleReport report) {
        return report.dryRun() ? report : report.refreshed(changes.refresh());
    }

    /**
     * The recorded entry, unchanged unless the chart's deprecation changed while it was yanked: a
     * deprecated chart's versions all carry the mark, an undone one only the marks of its own Chart.yaml.
     * Restored only when its package is still there with the recorded bytes, so Helm can download it.
     */
    private IndexEntry restorable(IndexEntry entry, boolean chartDeprecated) {
        String label = entry.name() + " " + entry.version();
        String key = settings.keyOf(entry.urls().get(0)).orElseThrow(() -> new RepositoryConflictException(label
                + ": the recorded URL " + entry.urls().get(0) + " is outside the repository " + settings.repositoryUrl()
                + "; give the --repo-url the repository was published with. Nothing was changed"));
        StoredObject pkg = store.get(key).orElseThrow(() -> new RepositoryConflictException(label + ": its package " + key
                + " is missing from " + store.describe() + ", so Helm could not download a restored entry. Restore the"
                + " object's previous version (the bucket keeps versions), then run unyank again. Nothing was changed"));
        String digest = Sha256.hex(pkg.content());
        if (!digest.equals(entry.digest())) {
            throw new RepositoryConflictException(label + ": its package " + key + " has sha256 " + digest + ", but "
                    + RepositoryLayout.LIFECYCLE_KEY + " recorded " + entry.digest() + ". Run `verify`; nothing was changed");
        }
        if (chartDeprecated) {
            return entry.markedDeprecated();
        }
        return new DeprecationMarks(store, settings, progress).withPackage(key, pkg).withoutToolMark(entry);
    }

    private void requireSameDigest(IndexEntry recorded, IndexEntry indexed) {
        if (!recorded.digest().equals(indexed.digest())) {
            throw new RepositoryConflictException(store.describe() + "/" + RepositoryLayout.INDEX_KEY + " lists " + indexed.name()
                    + " " + indexed.version() + " with digest " + indexed.digest() + ", but " + RepositoryLayout.LIFECYCLE_KEY
                    + " records it yanked with digest " + recorded.digest() + ". The two disagree: run `verify`. Nothing more"
                    + " was changed");
        }
    }
}
