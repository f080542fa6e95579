package io.kube9.charts.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One UTC day's counts, as the shared query computes them and as the daily cache keeps them
 * ({@code stats/daily/<yyyy-MM-dd>.json}): downloads per package path (as logged, e.g. {@code /app-1.0.0.tgz}),
 * downloads per client kind, and the day's other activity. Every count is additive except {@code downloaders}.
 *
 * @param complete whether the day was over (and its logs delivered) when it was counted: only complete days are
 *                 cached and never read again
 * @param objects  the log objects the counts were read from, as keys after the logs prefix (empty for Athena, which
 *                 reads the partitions)
 * @param problems log objects of the day that were not counted, and why
 */
public record DayCounts(LocalDate day, boolean complete, Map<String, Long> downloads, Map<String, Long> clients,
        long downloaders, long revalidations, long partialResponses, long indexFetches, long indexNotModified,
        List<String> objects, List<UncountedObject> problems) {
    public DayCounts {
        downloads = new TreeMap<>(downloads);
        clients = new TreeMap<>(clients);
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
    }

    public static DayCounts empty(LocalDate day) {
        return new DayCounts(day, false, Map.of(), Map.of(), 0, 0, 0, 0, 0, List.of(), List.of());
    }

    public long totalDownloads() {
        return downloads.values().stream().mapToLong(Long::longValue).sum();
    }

    public DayCounts withSources(boolean isComplete, List<String> objectKeys, List<UncountedObject> objectProblems) {
        return new DayCounts(day, isComplete, downloads, clients, downloaders, revalidations, partialResponses,
                indexFetches, indexNotModified, objectKeys, objectProblems);
    }

    /** Adds one row of the shared query's result: {@code metric}, {@code item} and the count {@code n}. */
    DayCounts plusRow(String metric, String item, long n) {
        Map<String, Long> newDownloads = downloads;
        Map<String, Long> newClients = clients;
        long newDownloaders = downloaders;
        long newRevalidations = revalidations;
        long newPartial = partialResponses;
        long newIndex = indexFetches;
        long newIndexNotModified = indexNotModified;
        switch (metric) {
            case "download" -> newDownloads = plus(downloads, item, n);
            case "client" -> newClients = plus(clients, item, n);
            case "downloaders" -> newDownloaders += n;
            case "revalidation" -> newRevalidations += n;
            case "partial" -> newPartial += n;
            case "index" -> newIndex += n;
            case "index-not-modified" -> newIndexNotModified += n;
            default -> throw new IllegalArgumentException("unknown metric in the query's result: " + metric);
        }
        return new DayCounts(day, complete, newDownloads, newClients, newDownloaders, newRevalidations, newPartial,
                newIndex, newIndexNotModified, objects, problems);
    }

    private static Map<String, Long> plus(Map<String, Long> counts, String key, long n) {
        Map<String, Long> copy = new TreeMap<>(counts);
        copy.merge(key, n, Long::sum);
        return copy;
    }
}
