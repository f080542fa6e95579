package io.kube9.charts.repository;

import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Downloads of each chart version in the last 30 days, as the pages show them: chart name to version to count.
 * {@link #NONE} when the repository has no statistics (the pages then show no download counts at all, rather
 * than zeros).
 */
public record DownloadCounts(Map<String, Map<String, Long>> byChart) {
    public static final DownloadCounts NONE = new DownloadCounts(Map.of());

    public DownloadCounts {
        byChart = byChart.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    }

    public boolean isEmpty() {
        return byChart.isEmpty();
    }

    /** The version's downloads (0 when the statistics do not name it), or empty without statistics. */
    public OptionalLong of(String chart, String version) {
        return isEmpty() ? OptionalLong.empty() : OptionalLong.of(byChart.getOrDefault(chart, Map.of()).getOrDefault(version, 0L));
    }

    /** The chart's downloads over all its versions, or empty without statistics. */
    public OptionalLong of(String chart) {
        return isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(byChart.getOrDefault(chart, Map.of()).values().stream().mapToLong(Long::longValue).sum());
    }

    /** The last 30 days' downloads of every chart version the statistics name. */
    public static DownloadCounts of(RepositoryStatistics statistics) {
        Map<String, Map<String, Long>> byChart = new java.util.LinkedHashMap<>();
        statistics.charts().forEach(chart -> byChart.put(chart.name(), chart.versions().stream()
                .collect(Collectors.toMap(RepositoryStatistics.VersionDownloads::version, version -> version.downloads().last30Days(),
                        Long::sum))));
        return new DownloadCounts(byChart);
    }
}
