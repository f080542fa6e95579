package io.kube9.charts.stats;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the Athena query runs: the Glue database and table over the logs (partition projection on integer year,
 * month, day, hour), the workgroup (its own result location), how long to wait and how often to ask.
 *
 * @param timeout      the query is stopped (StopQueryExecution) after this long
 * @param firstPoll    the first wait before asking for the query's state; doubled up to {@code maxPoll}
 */
public record AthenaSettings(String database, String table, String workgroup, Duration timeout, Duration firstPoll,
        Duration maxPoll) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_FIRST_POLL = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_POLL = Duration.ofSeconds(5);

    public AthenaSettings {
        check("--athena-database", database);
        check("--athena-table", table);
        check("--athena-workgroup", workgroup);
        if (timeout.isNegative() || timeout.isZero() || firstPoll.isNegative() || firstPoll.compareTo(maxPoll) > 0) {
            throw new IllegalArgumentException("Athena timeout must be positive and the first poll no longer than the longest");
        }
    }

    /** The table as the query names it (the names are checked, so quoting cannot be escaped). */
    String qualifiedTable() {
        return "\"" + database + "\".\"" + table + "\"";
    }

    private static void check(String option, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " must be letters, digits, '_' or '-', got: " + value);
        }
    }
}
