package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.stats.StatisticsQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Section 7: {@code stats --engine duckdb} over generated CloudFront v2 Parquet logs (24 hourly objects a day): a full
 * count of the window in a fresh JVM (the second of two runs, so the files are in the page cache), the daily
 * incremental run of the next morning, and DuckDB's floor, the same query straight through JDBC over the same files.
 */
public final class StatisticsBenchmark {
    static final String TITLE = "Download statistics: `stats --engine duckdb` (local copy of the log bucket)";
    static final String PREFIX = "AWSLogs/111122223333/CloudFront/EBENCH/";
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchMode mode;
    private final Path projectRoot;

    public StatisticsBenchmark(BenchMode mode, Path projectRoot) {
        this.mode = mode;
        this.projectRoot = projectRoot;
    }

    /** Full: 10 million records over 30 days (about 333,000 a day); quick: a tiny set over 3 days. */
    private int days() {
        return mode.name().equals("full") ? 30 : 3;
    }

    private long recordsPerDay() {
        return Long.getLong("kube9.bench.statsRecords", mode.name().equals("full") ? 10_000_000L : 7_200L) / days();
    }

    public SectionResult run() {
        Path dir = TempDirectory.create("bench-stats-");
        try {
            Path logs = dir.resolve("logs");
            Path hive = dir.resolve("hive");
            long generateStart = System.nanoTime();
            long records = 0;
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
                for (int ago = days(); ago >= 1; ago--) {
                    records += generateDay(duckdb, logs, hive, TODAY.minusDays(ago), 0, 24);
                }
                records += generateDay(duckdb, logs, hive, TODAY, 0, 12);
            }
            double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
            long bytes = size(logs);
            List<String> cli = OurPublisherSide.cliCommand(mode.releaseCli(), projectRoot);
            Path repository = Files.createDirectories(dir.resolve("repository"));
            String noon = TODAY + "T12:00:00Z";

            MeasuredProcess.Run cold = stats(cli, repository, logs, dir, noon, true);
            MeasuredProcess.Run warm = stats(cli, repository, logs, dir, noon, true);
            JsonNode full = JSON.readTree(warm.output().substring(warm.output().indexOf('{')));
            stats(cli, repository, logs, dir, noon, false); // fills the daily cache
            long incrementalRecords;
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
                incrementalRecords = generateDay(duckdb, logs, hive, TODAY, 12, 24)
                        + generateDay(duckdb, logs, hive, TODAY.plusDays(1), 0, 5);
            }
            MeasuredProcess.Run incremental = stats(cli, repository, logs, dir, TODAY.plusDays(1) + "T05:00:00Z", false);
            JsonNode daily = JSON.readTree(incremental.output().substring(incremental.output().indexOf('{')));
            double floorSeconds = floor(hive, days());

            MarkdownTable table = new MarkdownTable(TITLE, "Run", "Log records read", "Log objects read", "Wall time (s)",
                    "Peak memory (MiB)");
            table.row("full count: " + days() + " days and today's first 12 h, fresh JVM, warm page cache", records,
                    full.path("objectsRead").asInt(), String.format("%.1f", warm.seconds()), String.format("%.0f", warm.maxRssMib()));
            table.row("the same, first run (cold)", records, full.path("objectsRead").asInt(), String.format("%.1f", cold.seconds()),
                    String.format("%.0f", cold.maxRssMib()));
            table.row("daily incremental run next morning (" + daily.path("daysCounted").asInt() + " days, "
                    + daily.path("daysFromCache").asInt() + " from the cache)", incrementalRecords + records / (days() * 2L + 1),
                    daily.path("objectsRead").asInt(), String.format("%.1f", incremental.seconds()),
                    String.format("%.0f", incremental.maxRssMib()));
            table.row("DuckDB floor: the shared query through JDBC, files already local (this JVM)", records, "-",
                    String.format("%.1f", floorSeconds), "-");
            System.out.printf("stats: %d records (%d MiB Parquet) generated in %.1f s; full %.1f s / %.0f MiB, incremental %.1f s / %.0f MiB,"
                    + " floor %.1f s%n", records, bytes >> 20, generateSeconds, warm.seconds(), warm.maxRssMib(), incremental.seconds(),
                    incremental.maxRssMib(), floorSeconds);
            return new SectionResult("7. Download statistics").table(table)
                    .note(records + " generated log records (" + (bytes >> 20) + " MiB of Parquet, 24 objects a day, every column"
                            + " of the Athena table's layout that the logs carry) in a local copy of the log bucket; the CLI runs with"
                            + " --dry-run for the full counts (nothing cached), then fills the cache; the incremental run the next"
                            + " morning counts today (now complete: all 24 hours) and the new day's first 5 hours. The command's"
                            + " time includes the JVM, copying each object into the work directory and reading its footer"
                            + " (schema check), which the floor does not.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            TempFiles.deleteRecursively(dir);
        }
    }

    private static MeasuredProcess.Run stats(List<String> cli, Path repository, Path logs, Path dir, String now, boolean dryRun) {
        List<String> command = new ArrayList<>(cli);
        command.addAll(List.of("stats", "--local-dir", repository.toString(), "--logs-dir", logs.toString(), "--logs-prefix", PREFIX,
                "--work-dir", dir.resolve("work").toString(), "--now", now, "--output", "json"));
        if (dryRun) {
            command.add("--dry-run");
        }
        return MeasuredProcess.run(command, Map.of(), dir);
    }

    /** Writes hours {@code [fromHour, toHour)} of {@code day}, one Parquet object an hour, in the log bucket's layout and as Hive partitions. */
    private long generateDay(Connection duckdb, Path logs, Path hive, LocalDate day, int fromHour, int toHour)
            throws SQLException, IOException {
        long perHour = recordsPerDay() / 24;
        for (int hour = fromHour; hour < toHour; hour++) {
            Path file = logs.resolve(PREFIX + String.format("%04d/%02d/%02d/%02d/EBENCH.%s-%02d.parquet", day.getYear(),
                    day.getMonthValue(), day.getDayOfMonth(), hour, day, hour));
            Files.createDirectories(file.getParent());
            long seed = day.toEpochDay() * 24 + hour;
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("COPY (SELECT '" + day + "' AS \"date\", printf('%02d:%02d:%02d', " + hour + ", (i // 60) % 60, i % 60) AS \"time\","
                        + " 'FRA56-P' || (i % 9) AS x_edge_location, (1000 + i % 50000)::VARCHAR AS sc_bytes,"
                        + " '198.18.' || (hash(i + " + seed + ") % 200) || '.' || (hash(i * 7) % 250) AS c_ip,"
                        + " CASE WHEN i % 40 = 0 THEN 'HEAD' ELSE 'GET' END AS cs_method, 'charts.example.test' AS cs_host,"
                        + " CASE WHEN i % 5 = 0 THEN '/index.yaml' ELSE '/chart-' || (i % 25) || '-1.' || (i % 9) || '.0.tgz' END AS cs_uri_stem,"
                        + " CASE WHEN i % 13 = 0 THEN '304' ELSE '200' END AS sc_status, '-' AS cs_referer,"
                        + " CASE i % 4 WHEN 0 THEN 'Helm/3.17.3' WHEN 1 THEN 'Helm/4.1.4' WHEN 2 THEN 'source-controller/v1.4.1%20flux/v2.4.0'"
                        + " ELSE 'Mozilla/5.0%20(X11;%20Linux%20x86_64)' END AS cs_user_agent, '-' AS cs_uri_query,"
                        + " CASE WHEN i % 3 = 0 THEN 'Hit' ELSE 'Miss' END AS x_edge_result_type, md5((i + " + seed + ")::VARCHAR) AS x_edge_request_id,"
                        + " 'https' AS cs_protocol, '0.00' || (i % 9) AS time_taken, 'TLSv1.3' AS ssl_protocol, '-' AS sc_range_start,"
                        + " '-' AS sc_range_end FROM range(" + perHour + ") t(i)) TO '" + file + "' (FORMAT PARQUET)");
            }
            Path partition = hive.resolve("year=" + day.getYear()).resolve("month=" + day.getMonthValue())
                    .resolve("day=" + day.getDayOfMonth()).resolve("hour=" + hour);
            Files.createDirectories(partition);
            Files.createLink(partition.resolve(file.getFileName()), file);
        }
        return perHour * (toHour - fromHour);
    }

    /** The shared query over the window's files through JDBC in this JVM: what DuckDB itself needs. */
    private static double floor(Path hive, int days) throws SQLException {
        String logs = "read_parquet('" + hive + "/*/*/*/*/*.parquet', hive_partitioning = true, union_by_name = true)";
        List<LocalDate> window = TODAY.minusDays(days).datesUntil(TODAY.plusDays(1)).toList();
        long start = System.nanoTime();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(StatisticsQuery.forDays(logs, window))) {
            while (result.next()) {
                result.getLong("n");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long size(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
