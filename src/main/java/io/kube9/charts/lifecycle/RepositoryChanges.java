package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.ledger.StoredLedger;
import io.kube9.charts.repository.ConditionalUpdater;
import io.kube9.charts.repository.IndexSnapshot;
import io.kube9.charts.repository.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryRefresh;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.StoredIndex;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One lifecycle run's view of the repository: the index and the ledger read first (a corrupt one is
 * refused before anything is written), their compare-and-swap updates, and the refresh that follows
 * (landing page, CDN invalidation of the index, the page and the ledger). The first attempt of each
 * update works on the object read at the start; a lost race reads it again.
 */
final class RepositoryChanges {
    private final LifecycleContext context;
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Progress progress;
    private final Optional<StoredObject> indexObject;
    private final ChartIndex index;
    private final Optional<StoredObject> ledgerObject;
    private final Ledger ledger;
    /** The index as the bucket holds it after this run's last read or write of it; empty when not known. */
    private Optional<IndexSnapshot> indexSeen;

    RepositoryChanges(LifecycleContext context) {
        this.context = context;
        this.store = context.store();
        this.settings = context.settings();
        this.progress = context.progress();
        this.indexObject = store.get(RepositoryLayout.INDEX_KEY);
        this.index = StoredIndex.parse(store, indexObject);
        this.indexSeen = indexObject.map(object -> new IndexSnapshot(object.etag(), index));
        this.ledgerObject = store.get(RepositoryLayout.LIFECYCLE_KEY);
        this.ledger = StoredLedger.parse(store, ledgerObject);
    }

    ChartIndex index() {
        return index;
    }

    Ledger ledger() {
        return ledger;
    }

    /** Whether the chart has an indexed version or a record in the ledger. */
    boolean knows(String chart) {
        return index.entries().containsKey(chart) || ledger.mentions(chart);
    }

    /**
     * @param version the version named, or null when a chart was named
     * @param state   what the version is not, e.g. "indexed"
     */
    UnknownChartVersionException unknown(String chart, String version, String state) {
        return version == null || !knows(chart) ? UnknownChartVersionException.chart(store, index, chart)
                : UnknownChartVersionException.version(store, index, chart, version, state);
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
        AtomicReference<Optional<StoredObject>> lastRead = new AtomicReference<>();
        AtomicReference<ChartIndex> lastParsed = new AtomicReference<>();
        AtomicReference<ChartIndex> lastWritten = new AtomicReference<>();
        ConditionalUpdater.Result result = new ConditionalUpdater(store, settings.retry(), progress).update(
                RepositoryLayout.INDEX_KEY, RepositoryLayout.indexHeaders(settings.indexFormat()), () -> indexObject, current -> {
                    ChartIndex base = current == indexObject ? index : StoredIndex.parse(store, current);
                    lastRead.set(current);
                    lastParsed.set(base);
                    lastWritten.set(change.apply(base).map(changed -> changed.generatedAt(context.clock().instant())).orElse(null));
                    return Optional.ofNullable(lastWritten.get()).map(written -> codec.write(written, settings.indexFormat()));
                });
        // As Publisher: the index written (known by the entity tag the write answered), or the object last read.
        indexSeen = result.written() ? result.etag().map(etag -> new IndexSnapshot(etag, lastWritten.get()))
                : lastRead.get().map(object -> new IndexSnapshot(object.etag(), lastParsed.get()));
        progress.line(RepositoryLayout.INDEX_KEY + (result.written() ? ": written (attempt " + result.attempts() + ")"
                : ": already up to date"));
        return result;
    }

    /** Every run refreshes, changed or not, so a run killed before its invalidation is completed by the re-run. */
    RepositoryRefresh.Outcome refresh() {
        return new RepositoryRefresh(store, context.invalidator(), settings, progress).refresh(indexSeen,
                List.of(RepositoryLayout.LIFECYCLE_KEY));
    }
}
