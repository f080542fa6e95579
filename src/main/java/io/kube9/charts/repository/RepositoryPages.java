package io.kube9.charts.repository;

import io.kube9.charts.repository.index.ChartIndex;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The pages people see at the repository URL, rendered from what the repository holds (never from a command's
 * flags), so every command that refreshes them renders the same pages. The site provides them (registered as a
 * {@link ServiceLoader} service); the core only writes what they render.
 */
public interface RepositoryPages {
    RepositoryPages NONE = data -> List.of();

    /**
     * What the pages show.
     *
     * @param settings the repository's settings, with the OCI repository the charts are also pushed to (the one the run
     *                 names, else the one the index records)
     * @param downloads the downloads of the last 30 days, {@link DownloadCounts#NONE} when there are no statistics
     */
    record PageData(RepositorySettings settings, ChartIndex index, LifecycleView lifecycle, DownloadCounts downloads) {
        /** The pages without download counts. */
        public PageData(RepositorySettings settings, ChartIndex index, LifecycleView lifecycle) {
            this(settings, index, lifecycle, DownloadCounts.NONE);
        }
    }

    /** One page: its object key (e.g. {@code index.html}) and its HTML. */
    record Page(String key, byte[] content) {}

    /**
     * The pages, the landing page ({@link RepositoryLayout#LANDING_PAGE_KEY}) first, then any under
     * {@link RepositoryLayout#CHART_PAGES_PREFIX} (one per chart).
     */
    List<Page> render(PageData data);

    /** The pages the class path provides, or {@link #NONE}. */
    static RepositoryPages installed() {
        return ServiceLoader.load(RepositoryPages.class).findFirst().orElse(NONE);
    }
}
