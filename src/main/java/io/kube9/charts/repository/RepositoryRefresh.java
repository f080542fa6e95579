package io.kube9.charts.repository;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.storage.ObjectInfo;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What follows an index change ({@link ChartRepository#refresh}): bring the pages in step with the index in the
 * bucket, then invalidate the changed mutable paths in the CDN, once.
 */
public final class RepositoryRefresh {
    private final ObjectStore store;
    private final Invalidator invalidator;
    private final RepositorySettings settings;
    private final RepositoryPages pages;
    private final ConditionalUpdater updater;
    private final Progress progress;

    RepositoryRefresh(ObjectStore store, Invalidator invalidator, RepositorySettings settings, RepositoryPages pages,
            ConditionalUpdater updater, Progress progress) {
        this.store = store;
        this.invalidator = invalidator;
        this.settings = settings;
        this.pages = pages;
        this.updater = updater;
        this.progress = progress;
    }

    public record Outcome(boolean landingPageWritten, List<String> invalidatedPaths, Optional<String> invalidationId) {
        public static final Outcome NONE = new Outcome(false, List.of(), Optional.empty());
    }

    /**
     * The pages are rendered from the index read after the landing page's entity tag, so a writer that renders an
     * older index loses its compare-and-swap to the one that rendered the newer index.
     */
    Outcome refresh(Optional<IndexSnapshot> seen, List<String> alsoChanged) {
        // lifecycle.json as the pages were last rendered from, for its part of the caller reference below
        AtomicReference<Optional<StoredObject>> ledgerRead = new AtomicReference<>();
        Map<String, byte[]> written = new HashMap<>();
        List<String> pageKeys = new ArrayList<>();
        // Chart pages' content as rendered: their part of the caller reference, without reading each back
        List<String> chartPageHashes = new ArrayList<>();
        if (settings.landingPage()) {
            AtomicReference<List<RepositoryPages.Page>> rendered = new AtomicReference<>(List.of());
            Optional<byte[]> landing = updater.update(RepositoryLayout.LANDING_PAGE_KEY, RepositoryLayout.LANDING_PAGE, current -> {
                ChartIndex index = currentIndex(seen);
                ledgerRead.set(store.get(RepositoryLayout.LIFECYCLE_KEY));
                // Download counts are not read yet (stats.json): the pages show none until they are.
                rendered.set(pages.render(new RepositoryPages.PageData(settings.withOciRepository(ociRepository(index)), index,
                        LifecycleView.parse(store, ledgerRead.get()), downloads())));
                byte[] page = rendered.get().isEmpty() ? null : rendered.get().get(0).content();
                return page == null || current.isPresent() && Arrays.equals(current.get().content(), page)
                        ? Optional.empty() : Optional.of(page);
            }).content();
            landing.ifPresent(page -> written.put(RepositoryLayout.LANDING_PAGE_KEY, page));
            for (RepositoryPages.Page page : rendered.get()) {
                if (page.key().startsWith(RepositoryLayout.CHART_PAGES_PREFIX)) {
                    chartPageHashes.add(Sha256.hex(page.content()));
                } else {
                    pageKeys.add(page.key());
                }
                if (!page.key().equals(RepositoryLayout.LANDING_PAGE_KEY)) {
                    updater.update(page.key(), RepositoryLayout.LANDING_PAGE, current -> current.isPresent()
                            && Arrays.equals(current.get().content(), page.content()) ? Optional.empty() : Optional.of(page.content()))
                            .content().ifPresent(content -> written.put(page.key(), content));
                }
            }
        }
        // lifecycle.json changes only with yank, unyank and deprecate; its headers are brought up to date here
        updater.update(RepositoryLayout.LIFECYCLE_KEY, RepositoryLayout.LIFECYCLE,
                () -> ledgerRead.get() != null ? ledgerRead.get() : store.get(RepositoryLayout.LIFECYCLE_KEY), current -> Optional.empty());
        // Every run asks for the invalidation of the current index (and pages), not only of what it wrote:
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
            return new Outcome(written.containsKey(RepositoryLayout.LANDING_PAGE_KEY), List.of(), Optional.empty());
        }
        List<String> paths = new ArrayList<>(List.of("/" + RepositoryLayout.INDEX_KEY));
        pageKeys.forEach(key -> paths.addAll(pagePaths(key)));
        if (!chartPageHashes.isEmpty()) {
            // CloudFront charges per path and counts a wildcard as one: one path for every chart page
            paths.add("/" + RepositoryLayout.CHART_PAGES_PREFIX + "*");
        }
        if (artifactHub) {
            paths.add("/" + RepositoryLayout.ARTIFACT_HUB_KEY);
        }
        alsoChanged.forEach(key -> paths.add("/" + key));
        String current = String.join(",", paths) + "|" + store.head(RepositoryLayout.INDEX_KEY).map(ObjectInfo::etag).orElse("")
                + "|" + pageKeys.stream().map(this::contentHash)
                        .collect(Collectors.joining("|"))
                + "|" + Sha256.hex(String.join(",", chartPageHashes).getBytes(StandardCharsets.UTF_8))
                + "|" + (artifactHub ? contentHash(RepositoryLayout.ARTIFACT_HUB_KEY) : "")
                + alsoChanged.stream().map(key -> "|" + (key.equals(RepositoryLayout.LIFECYCLE_KEY) && ledgerRead.get() != null
                        ? contentHash(ledgerRead.get()) : contentHash(key))).collect(Collectors.joining());
        String callerReference = "kube9-charts-" + Sha256.hex(current.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        Optional<String> id = invalidator.invalidate(paths, callerReference, settings.waitForInvalidation(), progress);
        return new Outcome(written.containsKey(RepositoryLayout.LANDING_PAGE_KEY), id.isPresent() ? paths : List.of(), id);
    }

    /**
     * The downloads stats.json records, for the pages; none without it. A stats.json that cannot be read shows no
     * counts (and says so) instead of failing the command that refreshes: statistics are never worth a failed release.
     */
    private DownloadCounts downloads() {
        Optional<StoredObject> stored = store.get(RepositoryLayout.STATISTICS_KEY);
        if (stored.isEmpty()) {
            return DownloadCounts.NONE;
        }
        try {
            return DownloadCounts.of(RepositoryStatistics.read(stored.get().content(), store.describe() + "/" + RepositoryLayout.STATISTICS_KEY));
        } catch (IllegalArgumentException e) {
            progress.line("pages: no download counts: " + e.getMessage());
            return DownloadCounts.NONE;
        }
    }

    /** The OCI repository this run names, else the one the index records. */
    private String ociRepository(ChartIndex index) {
        return settings.ociRepository() != null ? settings.ociRepository()
                : index.annotation(RepositoryLayout.OCI_REPOSITORY_ANNOTATION).orElse(null);
    }

    /** A page's paths: a directory's {@code index.html} is also served at the directory ({@code /}). */
    private static List<String> pagePaths(String key) {
        String directory = key.substring(0, key.length() - RepositoryLayout.LANDING_PAGE_KEY.length());
        return key.endsWith(RepositoryLayout.LANDING_PAGE_KEY) ? List.of("/" + directory, "/" + key) : List.of("/" + key);
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
