package io.kube9.charts.repository;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One chart repository as every command works on it (after Helm's {@code pkg/repo} ChartRepository): its store, how
 * it is written, its CDN and pages, the clock and where progress goes. It reads {@code index.yaml} and
 * {@code lifecycle.json} from the origin, never the CDN (refusing corrupt ones); writes immutable objects create-only;
 * changes the index and the ledger with compare-and-swap, re-reading and retrying when another run got there first;
 * and refreshes what depends on the index (pages, CDN).
 */
public final class ChartRepository {
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Invalidator invalidator;
    private final RepositoryPages pages;
    private final Clock clock;
    private final Progress progress;
    private final ConditionalUpdater updater;
    private final IndexCodec codec = new IndexCodec();

    public ChartRepository(ObjectStore store, RepositorySettings settings, Invalidator invalidator, RepositoryPages pages, Clock clock,
            Progress progress) {
        this.store = store;
        this.settings = settings;
        this.invalidator = invalidator;
        this.pages = pages;
        this.clock = clock;
        this.progress = progress;
        this.updater = new ConditionalUpdater(store, settings.retry(), progress);
    }

    /** The repository with the pages the class path provides (the site's). */
    public static ChartRepository open(ObjectStore store, RepositorySettings settings, Invalidator invalidator, Clock clock,
            Progress progress) {
        return new ChartRepository(store, settings, invalidator, RepositoryPages.installed(), clock, progress);
    }

    public ObjectStore store() {
        return store;
    }

    public RepositorySettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public Progress progress() {
        return progress;
    }

    public String describe() {
        return store.describe();
    }

    /** The same repository refreshing no CDN (a dry run's). */
    public ChartRepository withoutInvalidation() {
        return new ChartRepository(store, settings, Invalidator.NONE, pages, clock, progress);
    }

    /** {@code index.yaml} as the bucket holds it now; a corrupt one is refused before anything is written. */
    public IndexRead readIndex() {
        Optional<StoredObject> object = store.get(RepositoryLayout.INDEX_KEY);
        return new IndexRead(object, StoredIndex.parse(store, object));
    }

    /** {@code lifecycle.json} as the bucket holds it now; a corrupt one is refused before anything is written. */
    public LedgerRead readLedger() {
        Optional<StoredObject> object = store.get(RepositoryLayout.LIFECYCLE_KEY);
        return new LedgerRead(object, StoredLedger.parse(store, object));
    }

    /**
     * Writes an immutable object create-only, starting from {@code checked}: the object under the key as the caller
     * has just read it (empty: absent). When an object is there (then, or written by another run since), it must
     * hold the same bytes, else {@code conflict} is thrown with it and nothing is written. A published object is
     * never deleted, so a first read that saw one stays true.
     *
     * @return whether this call wrote the object
     */
    public boolean putOnce(String key, byte[] content, ObjectHeaders headers, Optional<StoredObject> checked,
            Function<StoredObject, RuntimeException> conflict) {
        boolean written = updater.createOnly(key, content, headers, () -> checked, existing -> requireSame(existing, content, conflict));
        if (written) {
            progress.line("uploaded " + key + " (sha256 " + Sha256.hex(content) + ")");
        }
        return written;
    }

    /** Refuses an object that holds other bytes than {@code content}. */
    public static void requireSame(StoredObject existing, byte[] content, Function<StoredObject, RuntimeException> conflict) {
        if (!Sha256.hex(existing.content()).equals(Sha256.hex(content))) {
            throw conflict.apply(existing);
        }
    }

    /**
     * The index transaction: applies {@code change} to the index with compare-and-swap, the first attempt working on
     * {@code start}, a lost race reading the index again (a corrupt one refused) and applying the change anew. The
     * index is written with a new {@code generated} time and, when this run names an OCI repository, records it.
     */
    public <T> IndexUpdate<T> updateIndex(IndexRead start, Function<ChartIndex, IndexChange<T>> change) {
        return updateIndexObject(start.object(), current ->
                change.apply(current == start.object() ? start.index() : StoredIndex.parse(store, current)));
    }

    /** As {@link #updateIndex}, the change seeing the stored object itself (for a change that reads a corrupt index). */
    public <T> IndexUpdate<T> updateIndexObject(Optional<StoredObject> start, Function<Optional<StoredObject>, IndexChange<T>> change) {
        AtomicReference<Optional<StoredObject>> lastRead = new AtomicReference<>();
        AtomicReference<IndexChange<T>> lastChange = new AtomicReference<>();
        ConditionalUpdater.Result result = updater.update(RepositoryLayout.INDEX_KEY, RepositoryLayout.indexHeaders(settings.indexFormat()),
                () -> start, current -> {
                    IndexChange<T> decided = recordingMirror(change.apply(current));
                    lastRead.set(current);
                    lastChange.set(decided.changed() ? IndexChange.to(decided.index().generatedAt(clock.instant()), decided.detail())
                            : decided);
                    return decided.changed() ? Optional.of(codec.write(lastChange.get().index(), settings.indexFormat())) : Optional.empty();
                });
        Optional<IndexSnapshot> seen = result.written()
                ? result.etag().map(etag -> new IndexSnapshot(etag, lastChange.get().index()))
                : lastRead.get().map(object -> new IndexSnapshot(object.etag(), lastChange.get().index()));
        // a write of unchanged content only brought the object's headers up to date: the index itself did not change
        return new IndexUpdate<>(result.written() && lastChange.get().changed(), result.attempts(), lastChange.get().detail(), seen);
    }

    /** What the pages show is repository state: the OCI repository a run names is recorded in the index for later runs. */
    private <T> IndexChange<T> recordingMirror(IndexChange<T> change) {
        String oci = settings.ociRepository();
        if (oci == null || change.index().annotation(RepositoryLayout.OCI_REPOSITORY_ANNOTATION).equals(Optional.of(oci))) {
            return change;
        }
        return IndexChange.to(change.index().withAnnotation(RepositoryLayout.OCI_REPOSITORY_ANNOTATION, oci), change.detail());
    }

    /**
     * Writes a mutable object the repository keeps beside the index (e.g. stats.json) with compare-and-swap, unless it
     * already holds these bytes.
     *
     * @return whether it was written
     */
    public boolean putIfChanged(String key, byte[] content, ObjectHeaders headers) {
        return updater.update(key, headers, current -> current.isPresent() && java.util.Arrays.equals(current.get().content(), content)
                ? Optional.empty() : Optional.of(content)).written();
    }

    /**
     * Applies {@code change} to the ledger with compare-and-swap, the first attempt working on {@code start}.
     *
     * @param change the current ledger to the new one, or empty for no change
     * @return whether the ledger was written
     */
    public boolean updateLedger(LedgerRead start, Function<Ledger, Optional<Ledger>> change) {
        ConditionalUpdater.Result result = updater.update(RepositoryLayout.LIFECYCLE_KEY, RepositoryLayout.LIFECYCLE, start::object,
                current -> change.apply(current == start.object() ? start.ledger() : StoredLedger.parse(store, current))
                        .map(StoredLedger::write));
        progress.line(RepositoryLayout.LIFECYCLE_KEY + (result.written() ? ": written (attempt " + result.attempts() + ")"
                : ": already up to date"));
        return result.written();
    }

    /**
     * Brings the pages in step with the index in the bucket, then invalidates the changed mutable paths in the CDN.
     * Every run refreshes, changed or not, so a run killed before its invalidation is completed by its re-run.
     *
     * @param seen        the index this run last read or wrote, reused while the bucket still holds it
     * @param alsoChanged other mutable objects the run keeps (e.g. lifecycle.json), invalidated too
     */
    public RepositoryRefresh.Outcome refresh(Optional<IndexSnapshot> seen, List<String> alsoChanged) {
        return new RepositoryRefresh(store, invalidator, settings, pages, updater, progress).refresh(seen, alsoChanged);
    }
}
