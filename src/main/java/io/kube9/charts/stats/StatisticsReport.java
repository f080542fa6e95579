package io.kube9.charts.stats;

import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.RepositoryStatistics.Problem;
import java.util.List;

/**
 * What a stats run did: the statistics, how many days it counted from the logs and took from the daily cache, how
 * many log objects it downloaded, what it could not count, and whether stats.json was written.
 *
 * @param newProblems the objects this run found it could not count (the statistics list those of the window's days)
 */
public record StatisticsReport(RepositoryStatistics statistics, String engine, int daysCounted, int daysFromCache,
        int daysCached, int objectsRead, List<Problem> newProblems, boolean written, boolean dryRun) {
    public StatisticsReport {
        newProblems = List.copyOf(newProblems);
    }
}
