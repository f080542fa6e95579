package io.kube9.charts.repository;

import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectStore;
import java.util.List;
import java.util.Optional;

/**
 * What the ledger means for the entries a publish or a reindex is about to index: a yanked version is
 * not indexed again (publish refuses it and points at unyank; reindex leaves it out), and a version of
 * a deprecated chart is indexed with the mark. Read right after the index, so a yank or deprecation
 * that index already reflects is seen.
 */
public final class LifecyclePolicy {
    private final Ledger ledger;
    private final String ledgerLocation;

    private LifecyclePolicy(Ledger ledger, String ledgerLocation) {
        this.ledger = ledger;
        this.ledgerLocation = ledgerLocation;
    }

    /** One small GET of lifecycle.json; a corrupt ledger is refused (the run changes nothing). */
    public static LifecyclePolicy read(ObjectStore store) {
        return new LifecyclePolicy(StoredLedger.read(store), StoredLedger.location(store));
    }

    /** The entries to publish, marked where their chart is deprecated; refused when one of them is yanked. */
    public List<IndexEntry> admit(List<IndexEntry> candidates) {
        for (IndexEntry candidate : candidates) {
            ledger.yanked(candidate.name(), candidate.version()).ifPresent(yanked -> {
                throw new RepositoryConflictException(candidate.name() + " " + candidate.version() + " was yanked at "
                        + yanked.yankedAt() + (yanked.actor().login() == null ? "" : " by " + yanked.actor().login())
                        + " (reason: " + yanked.reason() + ", recorded in " + ledgerLocation + "), and its package is kept."
                        + " To make this very version installable again run `kube9-charts unyank " + candidate.name() + " "
                        + candidate.version() + "`; to ship a fix, bump the version in Chart.yaml. Nothing was changed");
            });
        }
        return candidates.stream().map(this::marked).toList();
    }

    /** An entry rebuilt from its package: none when the version is yanked, marked when its chart is deprecated. */
    public Optional<IndexEntry> indexable(IndexEntry rebuilt) {
        return ledger.yanked(rebuilt.name(), rebuilt.version()).isPresent() ? Optional.empty() : Optional.of(marked(rebuilt));
    }

    private IndexEntry marked(IndexEntry entry) {
        return ledger.deprecation(entry.name()).isPresent() ? entry.markedDeprecated() : entry;
    }
}
