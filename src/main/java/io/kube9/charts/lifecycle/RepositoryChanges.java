package io.kube9.charts.lifecycle;

import io.kube9.charts.publishing.ConditionalUpdater;
import io.kube9.charts.publishing.Progress;
import io.kube9.charts.publishing.RepositoryLayout;
import io.kube9.charts.publishing.RepositoryRefresh;
import io.kube9.charts.publishing.RepositorySettings;
import io.kube9.charts.publishing.StoredIndex;
import io.kube9.charts.publishing.cdn.Invalidator;
import io.kube9.charts.publishing.index.ChartIndex;
import io.kube9.charts.publishing.index.IndexCodec;
import io.kube9.charts.publishing.storage.ObjectStore;
import io.kube9.charts.publishing.storage.StoredObject;
import java.time.Clock;
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
    private final ObjectStore store;
    private final Invalidator invalidator;
    private final RepositorySettings settings;
    private final Clock clock;
    private final Progress progress;
    private final Optional<StoredObject> indexObject;
    private final ChartIndex index;
    private final Optional<StoredObject> ledgerObject;
    private final Ledger ledger;

    RepositoryChanges(ObjectStore store, Invalidator invalidator, RepositorySettings settings, Clock clock, Progress progress) {
        this.store = store;
        this.invalidator = invalidator;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
        this.indexObject = store.get(RepositoryLayout.INDEX_KEY);
        this.index = StoredIndex.parse(store, indexObject);
        this.ledgerObject = store.get(RepositoryLayout.LIFECYCLE_KEY);
        this.ledger = StoredLedger.parse(store, ledgerObject);
    }

    ObjectStore store() {
        return store;
    }

    ChartIndex index() {
        return index;
    }

    Ledger ledger() {
        return ledger;
    }

    /** @param change the current ledger to the new one, or empty for no change */
    boolean updateLedger(Function<Ledger, Optional<Ledger>> change) {
        ConditionalUpdater.Result result = new ConditionalUpdater(store, settings.retry(), progress).update(
                RepositoryLayout.LIFECYCLE_KEY, RepositoryLayout.LIFECYCLE, () -> ledgerObject,
                current -> change.apply(current == ledgerObject ? ledger : StoredLedger.parse(store, current))
                        .map(StoredLedger::write));
        progress.line(RepositoryLayout.LIFECYCLE_KEY + (result.written() ? ": written (attempt " + result.attempts() + ")"
                : ": already up to date"));
        return result.written();
    }

    /** @param change the current index to the new one, or empty for no change */
    ConditionalUpdater.Result updateIndex(Function<ChartIndex, Optional<ChartIndex>> change) {
        IndexCodec codec = new IndexCodec();
        ConditionalUpdater.Result result = new ConditionalUpdater(store, settings.retry(), progress).update(
                RepositoryLayout.INDEX_KEY, RepositoryLayout.indexHeaders(settings.indexFormat()), () -> indexObject,
                current -> change.apply(current == indexObject ? index : StoredIndex.parse(store, current))
                        .map(changed -> codec.write(changed.generatedAt(clock.instant()), settings.indexFormat())));
        progress.line(RepositoryLayout.INDEX_KEY + (result.written() ? ": written (attempt " + result.attempts() + ")"
                : ": already up to date"));
        return result;
    }

    /** Every run refreshes, changed or not, so a run killed before its invalidation is completed by the re-run. */
    RepositoryRefresh.Outcome refresh() {
        return new RepositoryRefresh(store, invalidator, settings, progress).refresh(List.of(RepositoryLayout.LIFECYCLE_KEY));
    }
}
