package io.kube9.charts.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one SQL definition of the statistics (daily-counts.sql), for either engine: only the table expression differs
 * between Athena and DuckDB; the partition predicate is the same text in both (integer year, month and day).
 */
public final class StatisticsQuery {
    private static final String TEMPLATE = load();

    private StatisticsQuery() {}

    /** The query over {@code logs} (a table name or table function call) for the given days. */
    public static String forDays(String logs, Collection<LocalDate> days) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no days to query");
        }
        return TEMPLATE.replace("{{logs}}", logs).replace("{{days}}", partitionPredicate(days));
    }

    /**
     * {@code (year = 2026 AND month = 12 AND day IN (6, 7)) OR ...}: one term per month, so Athena's partition
     * projection touches only the days asked for.
     */
    static String partitionPredicate(Collection<LocalDate> days) {
        Map<YearMonth, TreeSet<Integer>> byMonth = new TreeMap<>();
        days.forEach(day -> byMonth.computeIfAbsent(YearMonth.from(day), month -> new TreeSet<>()).add(day.getDayOfMonth()));
        return byMonth.entrySet().stream()
                .map(month -> "(year = " + month.getKey().getYear() + " AND month = " + month.getKey().getMonthValue()
                        + " AND day IN (" + month.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "))")
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String load() {
        try (InputStream in = StatisticsQuery.class.getResourceAsStream("daily-counts.sql")) {
            if (in == null) {
                throw new IllegalStateException("daily-counts.sql is missing from the classpath");
            }
            // Comments stay in the resource; the query sent (and shown in Athena's history) is the SQL alone.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
