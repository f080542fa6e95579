package io.kube9.charts.publishing;

import io.kube9.charts.publishing.cdn.Invalidator;
import io.kube9.charts.publishing.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What follows an index change: bring the landing page in step with the index in the bucket, then
 * invalidate the changed mutable paths in the CDN, once.
 */
final class RepositoryRefresh {
    private final ObjectStore store;
    private final Invalidator invalidator;
    private final RepositorySettings settings;
    private final ConditionalUpdater updater;
    private final Progress progress;

    RepositoryRefresh(ObjectStore store, Invalidator invalidator, RepositorySettings settings, Progress progress) {
        this.store = store;
        this.invalidator = invalidator;
        this.settings = settings;
        this.updater = new ConditionalUpdater(store, settings.retry(), progress);
        this.progress = progress;
    }

    record Outcome(boolean landingPageWritten, List<String> invalidatedPaths, Optional<String> invalidationId) {}

    /**
     * The page is rendered from the index read after the page's entity tag, so a writer that renders
     * an older index loses its compare-and-swap to the one that rendered the newer index.
     */
    Outcome refresh(boolean indexWritten, byte[] indexContent) {
        Optional<byte[]> pageWritten = settings.landingPage() ? updater.update(RepositoryLayout.LANDING_PAGE_KEY,
                RepositoryLayout.LANDING_PAGE, current -> {
                    byte[] page = new LandingPage(settings.repositoryUrl(), settings.repositoryName())
                            .render(StoredIndex.read(store));
                    return current.isPresent() && Arrays.equals(current.get().content(), page)
                            ? Optional.empty() : Optional.of(page);
                }).content() : Optional.empty();
        List<String> paths = new ArrayList<>();
        if (indexWritten) {
            paths.add("/" + RepositoryLayout.INDEX_KEY);
        }
        if (pageWritten.isPresent()) {
            paths.add("/");
            paths.add("/" + RepositoryLayout.LANDING_PAGE_KEY);
        }
        if (paths.isEmpty()) {
            return new Outcome(false, paths, Optional.empty());
        }
        // Derived from what was written: a retried call for the same change reuses the invalidation.
        String written = String.join(",", paths) + "|" + Sha256.hex(indexContent == null ? new byte[0] : indexContent)
                + "|" + Sha256.hex(pageWritten.orElse(new byte[0]));
        String callerReference = "kube9-charts-" + Sha256.hex(written.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        Optional<String> id = invalidator.invalidate(paths, callerReference, settings.waitForInvalidation(), progress);
        return new Outcome(pageWritten.isPresent(), paths, id);
    }
}
