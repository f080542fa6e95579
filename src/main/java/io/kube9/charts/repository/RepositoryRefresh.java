package io.kube9.charts.repository;

import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.storage.ObjectInfo;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.ledger.LifecycleView;
import io.kube9.charts.site.LandingPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What follows an index change: bring the landing page in step with the index in the bucket, then
 * invalidate the changed mutable paths in the CDN, once.
 */
public final class RepositoryRefresh {
    private final ObjectStore store;
    private final Invalidator invalidator;
    private final RepositorySettings settings;
    private final ConditionalUpdater updater;
    private final Progress progress;

    public RepositoryRefresh(ObjectStore store, Invalidator invalidator, RepositorySettings settings, Progress progress) {
        this.store = store;
        this.invalidator = invalidator;
        this.settings = settings;
        this.updater = new ConditionalUpdater(store, settings.retry(), progress);
        this.progress = progress;
    }

    public record Outcome(boolean landingPageWritten, List<String> invalidatedPaths, Optional<String> invalidationId) {}

    /**
     * The page is rendered from the index read after the page's entity tag, so a writer that renders
     * an older index loses its compare-and-swap to the one that rendered the newer index.
     */
    public Outcome refresh() {
        return refresh(Optional.empty());
    }

    /** @param seen the index this run last read, reused instead of downloading it again while it is current */
    public Outcome refresh(Optional<IndexSnapshot> seen) {
        return refresh(seen, List.of());
    }

    /** As {@link #refresh()}, also invalidating other mutable objects the run keeps (e.g. lifecycle.json). */
    public Outcome refresh(List<String> alsoChanged) {
        return refresh(Optional.empty(), alsoChanged);
    }

    /** As {@link #refresh(List)}, reusing {@code seen} as {@link #refresh(Optional)} does. */
    public Outcome refresh(Optional<IndexSnapshot> seen, List<String> alsoChanged) {
        // lifecycle.json as the page was last rendered from, for its part of the caller reference below
        AtomicReference<Optional<StoredObject>> ledgerRead = new AtomicReference<>();
        Optional<byte[]> pageWritten = settings.landingPage() ? updater.update(RepositoryLayout.LANDING_PAGE_KEY,
                RepositoryLayout.LANDING_PAGE, current -> {
                    ChartIndex index = currentIndex(seen);
                    ledgerRead.set(store.get(RepositoryLayout.LIFECYCLE_KEY));
                    byte[] page = new LandingPage(settings).render(index, LifecycleView.parse(store, ledgerRead.get()));
                    return current.isPresent() && Arrays.equals(current.get().content(), page)
                            ? Optional.empty() : Optional.of(page);
                }).content() : Optional.empty();
        // Every run asks for the invalidation of the current index (and page), not only of what it wrote:
        // a run that failed or was killed after writing but before invalidating is completed by its
        // re-run. The caller reference is derived from what the bucket holds (the index's entity tag, the
        // small files' content), so asking again for an unchanged repository reuses the invalidation
        // CloudFront already has instead of creating one.
        boolean artifactHub = settings.artifactHubRepositoryId() != null;
        if (artifactHub) {
            updater.update(RepositoryLayout.ARTIFACT_HUB_KEY, RepositoryLayout.ARTIFACT_HUB, current -> {
                byte[] metadata = ("repositoryID: " + settings.artifactHubRepositoryId() + "\n").getBytes(StandardCharsets.UTF_8);
                return current.isPresent() && Arrays.equals(current.get().content(), metadata)
                        ? Optional.empty() : Optional.of(metadata);
            });
        }
        if (invalidator == Invalidator.NONE) {
            return new Outcome(pageWritten.isPresent(), List.of(), Optional.empty()); // no CDN: no caller reference to derive
        }
        List<String> paths = new ArrayList<>(List.of("/" + RepositoryLayout.INDEX_KEY));
        if (settings.landingPage()) {
            paths.add("/");
            paths.add("/" + RepositoryLayout.LANDING_PAGE_KEY);
        }
        if (artifactHub) {
            paths.add("/" + RepositoryLayout.ARTIFACT_HUB_KEY);
        }
        alsoChanged.forEach(key -> paths.add("/" + key));
        String current = String.join(",", paths) + "|" + store.head(RepositoryLayout.INDEX_KEY).map(ObjectInfo::etag).orElse("")
                + "|" + (settings.landingPage() ? contentHash(RepositoryLayout.LANDING_PAGE_KEY) : "")
                + "|" + (artifactHub ? contentHash(RepositoryLayout.ARTIFACT_HUB_KEY) : "")
                + alsoChanged.stream().map(key -> "|" + (key.equals(RepositoryLayout.LIFECYCLE_KEY) && ledgerRead.get() != null
                        ? contentHash(ledgerRead.get()) : contentHash(key))).collect(java.util.stream.Collectors.joining());
        String callerReference = "kube9-charts-" + Sha256.hex(current.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        Optional<String> id = invalidator.invalidate(paths, callerReference, settings.waitForInvalidation(), progress);
        return new Outcome(pageWritten.isPresent(), id.isPresent() ? paths : List.of(), id);
    }

    /** Read after the page's entity tag: the snapshot only while the bucket still holds that very object. */
    private ChartIndex currentIndex(Optional<IndexSnapshot> seen) {
        Optional<String> etag = seen.isPresent() ? store.head(RepositoryLayout.INDEX_KEY).map(ObjectInfo::etag) : Optional.empty();
        return etag.isPresent() && etag.get().equals(seen.get().etag()) ? seen.get().index() : StoredIndex.read(store);
    }

    private String contentHash(String key) {
        return contentHash(store.get(key));
    }

    private static String contentHash(Optional<StoredObject> object) {
        return Sha256.hex(object.map(StoredObject::content).orElse(new byte[0]));
    }
}
