package io.kube9.charts.stats;

import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.RepositoryStatistics.ChartDownloads;
import io.kube9.charts.repository.RepositoryStatistics.Counts;
import io.kube9.charts.repository.RepositoryStatistics.DailyActivity;
import io.kube9.charts.repository.RepositoryStatistics.VersionDownloads;
import io.kube9.charts.repository.index.VersionOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums daily counts into the windows: the last 1, 7, 30 and 90 whole UTC days before {@code today}, and all time
 * (every counted day, today so far included).
 */
final class StatisticsBuilder {
    static final int LONGEST_WINDOW_DAYS = 90;

    private final LocalDate today;
    private final List<String> knownCharts;

    StatisticsBuilder(LocalDate today, List<String> knownCharts) {
        this.today = today;
        this.knownCharts = knownCharts;
    }

    /** The days the statistics need counted: the longest window and today. */
    static List<LocalDate> windowDays(LocalDate today) {
        return today.minusDays(LONGEST_WINDOW_DAYS).datesUntil(today.plusDays(1)).toList();
    }

    RepositoryStatistics build(Instant generatedAt, Collection<DayCounts> days) {
        Map<String, Map<String, Counts>> versions = new TreeMap<>();
        Map<String, Counts> clients = new TreeMap<>();
        Counts total = Counts.ZERO;
        List<DailyActivity> activity = new ArrayList<>();
        for (DayCounts day : days) {
            for (Map.Entry<String, Long> download : day.downloads().entrySet()) {
                PackageName name = PackageName.parse(download.getKey(), knownCharts);
                versions.computeIfAbsent(name.chart(), chart -> new TreeMap<>())
                        .merge(name.version(), counts(day.day(), download.getValue()), Counts::plus);
            }
            day.clients().forEach((client, n) -> clients.merge(client, counts(day.day(), n), Counts::plus));
            total = total.plus(counts(day.day(), day.totalDownloads()));
            if (!day.day().isBefore(today.minusDays(LONGEST_WINDOW_DAYS))) {
                activity.add(new DailyActivity(day.day(), day.complete(), day.totalDownloads(), day.downloaders(),
                        day.revalidations(), day.partialResponses(), day.indexFetches(), day.indexNotModified()));
            }
        }
        List<ChartDownloads> charts = versions.entrySet().stream().map(chart -> {
            List<VersionDownloads> perVersion = VersionOrder.newestFirst(chart.getValue().entrySet(), Map.Entry::getKey).stream()
                    .map(version -> new VersionDownloads(version.getKey(), version.getValue())).toList();
            Counts sum = perVersion.stream().map(VersionDownloads::downloads).reduce(Counts.ZERO, Counts::plus);
            return new ChartDownloads(chart.getKey(), sum, perVersion);
        }).toList();
        activity.sort((a, b) -> a.day().compareTo(b.day()));
        return new RepositoryStatistics(RepositoryStatistics.FORMAT_VERSION, generatedAt, today.minusDays(1), today,
                total, charts, clients, activity);
    }

    private Counts counts(LocalDate day, long n) {
        long daysAgo = ChronoUnit.DAYS.between(day, today);
        return new Counts(within(daysAgo, 1, n), within(daysAgo, 7, n), within(daysAgo, 30, n), within(daysAgo, 90, n), n);
    }

    /** {@code n} when the day lies within the last {@code window} whole days before today, else 0. */
    private static long within(long daysAgo, int window, long n) {
        return daysAgo >= 1 && daysAgo <= window ? n : 0;
    }
}
