package io.kube9.charts.stats;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** One row of the shared query's result (daily-counts.sql): a day's partition, a metric, its item and count. */
record QueryRow(int year, int month, int day, String metric, String item, long n) {
    LocalDate date() {
        return LocalDate.of(year, month, day);
    }

    /** The rows summed up per day; every asked-for day is in the result, a day without rows with zero counts. */
    static Map<LocalDate, DayCounts> perDay(Collection<LocalDate> days, Collection<QueryRow> rows) {
        Map<LocalDate, DayCounts> counts = new TreeMap<>();
        days.forEach(day -> counts.put(day, DayCounts.empty(day)));
        for (QueryRow row : rows) {
            counts.compute(row.date(), (day, current) ->
                    (current == null ? DayCounts.empty(day) : current).plusRow(row.metric(), row.item(), row.n()));
        }
        return counts;
    }
}
