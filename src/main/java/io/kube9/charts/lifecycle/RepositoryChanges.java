package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.IndexChange;
import io.kube9.charts.repository.IndexRead;
import io.kube9.charts.repository.IndexUpdate;
import io.kube9.charts.repository.LedgerRead;
import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.IndexSnapshot;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryRefresh;
import io.kube9.charts.repository.index.ChartIndex;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One lifecycle run's view of the repository: the index and the ledger read first (a corrupt one is
 * refused before anything is written), their compare-and-swap updates, and the refresh that follows
 * (landing page, CDN invalidation of the index, the page and the ledger). The first attempt of each
 * update works on the object read at the start; a lost race reads it again.
 */
final class RepositoryChanges {
    private final ChartRepository repository;
    private final IndexRead indexRead;
    private final LedgerRead ledgerRead;
    /** The index as the bucket holds it after this run's last read or write of it; empty when not known. */
    private Optional<IndexSnapshot> indexSeen;

    RepositoryChanges(ChartRepository repository) {
        this.repository = repository;
        this.indexRead = repository.readIndex();
        this.indexSeen = indexRead.snapshot();
        this.ledgerRead = repository.readLedger();
    }

    ChartIndex index() {
        return indexRead.index();
    }

    Ledger ledger() {
        return ledgerRead.ledger();
    }

    /** Whether the chart has an indexed version or a record in the ledger. */
    boolean knows(String chart) {
        return index().entries().containsKey(chart) || ledger().mentions(chart);
    }

    /**
     * @param version the version named, or null when a chart was named
     * @param state   what the version is not, e.g. "indexed"
     */
    UnknownChartVersionException unknown(String chart, String version, String state) {
        return version == null || !knows(chart) ? UnknownChartVersionException.chart(repository.store(), index(), chart)
                : UnknownChartVersionException.version(repository.store(), index(), chart, version, state);
    }

    /** @param change the current ledger to the new one, or empty for no change */
    boolean updateLedger(Function<Ledger, Optional<Ledger>> change) {
        return repository.updateLedger(ledgerRead, change);
    }

    /** @param change the current index to the new one, or empty for no change */
    IndexUpdate<Void> updateIndex(Function<ChartIndex, Optional<ChartIndex>> change) {
        IndexUpdate<Void> result = repository.updateIndex(indexRead, current -> change.apply(current)
                .map(changed -> IndexChange.<Void>to(changed, null)).orElseGet(() -> IndexChange.none(current, null)));
        indexSeen = result.seen();
        repository.progress().line(RepositoryLayout.INDEX_KEY + (result.written() ? ": written (attempt " + result.attempts() + ")"
                : ": already up to date"));
        return result;
    }

    /** Every run refreshes, changed or not, so a run killed before its invalidation is completed by the re-run. */
    RepositoryRefresh.Outcome refresh() {
        return repository.refresh(indexSeen, List.of(RepositoryLayout.LIFECYCLE_KEY));
    }
}
