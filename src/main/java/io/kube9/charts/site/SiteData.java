package io.kube9.charts.site;

import io.kube9.charts.repository.DownloadCounts;
import io.kube9.charts.repository.LifecycleView;
import io.kube9.charts.repository.index.ChartIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pages are rendered from.
 *
 * @param yanked              versions taken out of the index (the lifecycle ledger); never listed as installable
 * @param deprecationMessages chart name to the message of its deprecation ("" for none): these charts are
 *                            marked deprecated, as are charts whose newest version says {@code deprecated: true}
 * @param downloads           the last 30 days' downloads, {@link DownloadCounts#NONE} without statistics
 */
public record SiteData(ChartIndex index, List<YankedVersion> yanked, Map<String, String> deprecationMessages,
        DownloadCounts downloads) {
    public SiteData(ChartIndex index, List<YankedVersion> yanked, Map<String, String> deprecationMessages) {
        this(index, yanked, deprecationMessages, DownloadCounts.NONE);
    }

    /** The yanked versions and deprecations the lifecycle ledger records. */
    public static SiteData of(ChartIndex index, LifecycleView lifecycle, DownloadCounts downloads) {
        List<YankedVersion> yanked = lifecycle.yanked().entrySet().stream()
                .flatMap(chart -> chart.getValue().stream().map(version ->
                        new YankedVersion(chart.getKey(), version.version(), version.reason(), version.yankedAt().toString())))
                .toList();
        Map<String, String> messages = new LinkedHashMap<>();
        lifecycle.deprecated().forEach((chart, deprecation) -> messages.put(chart, deprecation.message()));
        return new SiteData(index, yanked, messages, downloads);
    }
}
