package io.kube9.charts.stats;

import io.kube9.charts.repository.RepositoryStatistics;
import java.util.List;

/**
 * What a stats run did: the statistics, how many days it counted from the logs and took from the daily cache, how
 * many log objects it downloaded, what it could not count, and whether stats.json was written.
 *
 * @param problems    the objects of the window's days that were not counted (from the cache and from this run), as
 *                    keys after the logs prefix
 * @param newProblems those this run found (and printed on stderr)
 */
public record StatisticsReport(RepositoryStatistics statistics, String engine, int daysCounted, int daysFromCache,
        int daysCached, int objectsRead, List<UncountedObject> problems, List<UncountedObject> newProblems, boolean written,
        boolean dryRun) {
    public StatisticsReport {
        problems = List.copyOf(problems);
        newProblems = List.copyOf(newProblems);
    }
}
