package io.kube9.charts.stats;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.StoredIndex;
import io.kube9.charts.repository.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One statistics run: the days of the longest window that the daily cache lacks are counted from the logs (a
 * complete past day once, today and a day whose logs may still arrive every run), complete days are added to the
 * cache, and the statistics are written to the chart repository as stats.json.
 */
public final class StatisticsRun {
    /**
     * How long after a UTC day ends its counts are final: CloudFront delivers logs within minutes, at best effort;
     * a day younger than this is counted again on the next run instead of being cached.
     */
    public static final Duration SETTLE_TIME = Duration.ofHours(3);

    private final StatisticsEngine engine;
    private final String engineName;
    private final DailyCache cache;
    private final ChartRepository charts;
    private final ObjectStore repository;
    private final Clock clock;
    private final Progress progress;

    /** @param charts the chart repository stats.json, the daily cache and the pages are written to */
    public StatisticsRun(StatisticsEngine engine, String engineName, ChartRepository charts) {
        this.engine = engine;
        this.engineName = engineName;
        this.charts = charts;
        this.repository = charts.store();
        this.cache = new DailyCache(repository);
        this.clock = charts.clock();
        this.progress = charts.progress();
    }

    public StatisticsReport run(boolean dryRun) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<UncountedObject> newProblems = new ArrayList<>();
        Map<LocalDate, DayCounts> days = new TreeMap<>(cache.readAll(problem -> {
            progress.line("stats: " + repository.describe() + "/" + problem.object() + ": " + problem.reason());
            newProblems.add(problem);
        }));
        int fromCache = days.size();
        List<LocalDate> missing = StatisticsBuilder.windowDays(today).stream().filter(day -> !days.containsKey(day)).toList();
        int cached = 0;
        if (!missing.isEmpty()) {
            for (DayCounts counted : engine.count(missing).values()) {
                boolean complete = !now.isBefore(counted.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(SETTLE_TIME));
                DayCounts day = counted.withSources(complete, counted.objects(), counted.problems());
                newProblems.addAll(day.problems());
                days.put(day.day(), day);
                if (complete && !dryRun) {
                    cache.write(day);
                    cached++;
                }
            }
        }
        List<UncountedObject> windowProblems = new ArrayList<>();
        days.values().stream().filter(day -> !day.day().isBefore(today.minusDays(StatisticsBuilder.LONGEST_WINDOW_DAYS)))
                .forEach(day -> windowProblems.addAll(day.problems()));
        RepositoryStatistics statistics = new StatisticsBuilder(today, chartNames()).build(now, days.values());
        boolean written = !dryRun && charts.putIfChanged(RepositoryLayout.STATISTICS_KEY, statistics.toJson(), RepositoryLayout.STATISTICS);
        if (!dryRun) {
            // the pages show the last 30 days' downloads: they are rendered again from the stats.json just written
            charts.refresh(Optional.empty(), List.of(RepositoryLayout.STATISTICS_KEY));
        }
        return new StatisticsReport(statistics, engineName, missing.size(), fromCache, cached, engine.objectsRead(),
                windowProblems, newProblems, written, dryRun);
    }

    /** The index's chart names, to split package names; without a readable index, names are split by version. */
    private List<String> chartNames() {
        try {
            return List.copyOf(StoredIndex.read(repository).entries().keySet());
        } catch (RepositoryConflictException e) {
            progress.line("stats: " + e.getMessage() + "; chart names are split before their version instead");
            return List.of();
        }
    }

}
