package io.kube9.charts.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Runs the shared query (daily-counts.sql) over the logs of some days. */
public interface StatisticsEngine {
    /** Each asked-for day's counts (a day without logs has zero counts); {@code complete} is left false. */
    Map<LocalDate, DayCounts> count(List<LocalDate> days);

    /** How many log objects this engine has downloaded so far (0 for engines that read in place). */
    default int objectsRead() {
        return 0;
    }
}
