package io.kube9.charts.cli;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.RepositoryPages;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.RepositoryStatistics.Counts;
import io.kube9.charts.repository.RepositoryStatistics.DailyActivity;
import io.kube9.charts.repository.storage.S3ObjectStore;
import io.kube9.charts.stats.AthenaEngine;
import io.kube9.charts.stats.AthenaSettings;
import io.kube9.charts.stats.DirectoryLogStore;
import io.kube9.charts.stats.DuckDbEngine;
import io.kube9.charts.stats.LogLayout;
import io.kube9.charts.stats.LogStore;
import io.kube9.charts.stats.S3LogStore;
import io.kube9.charts.stats.StatisticsEngine;
import io.kube9.charts.stats.StatisticsReport;
import io.kube9.charts.stats.StatisticsRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {
            "Counts package downloads from the CDN's logs (CloudFront standard logging v2, Parquet) and writes stats.json"
                    + " to the repository: per chart and version over the last 1, 7, 30 and 90 whole UTC days and all time,"
                    + " by client kind, and each day's activity (docs/statistics.md).",
            "Complete days are counted once and kept in stats/daily/ in the repository; each run counts only the days"
                    + " that cache lacks (today and days whose logs may still arrive)."
        })
final class StatsCommand extends RepositoryCommand {
    enum Engine { duckdb, athena }

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", paramLabel = "duckdb|athena", defaultValue = "duckdb",
            description = "duckdb: download the days' log objects and count them in embedded DuckDB; athena: count them"
                    + " with Amazon Athena over the Glue table (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--logs-bucket", paramLabel = "NAME", description = "The log bucket (--engine duckdb).")
    String logsBucket;

    @Option(names = "--logs-dir", paramLabel = "DIR", description = "A local copy of the log bucket instead (same layout).")
    Path logsDirectory;

    @Option(names = "--logs-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Where the distribution's logs start: AWSLogs/<account>/CloudFront/<distributionId>/.")
    String logsPrefix;

    @Option(names = "--logs-region", paramLabel = "REGION", description = "The log bucket's region (default: from the AWS chain).")
    String logsRegion;

    @Option(names = "--logs-endpoint", paramLabel = "URL", description = "An S3-compatible endpoint for the log bucket (path style).")
    URI logsEndpoint;

    @Option(names = "--athena-database", paramLabel = "NAME", defaultValue = "kube9_charts_logs",
            description = "The Glue database of the log table (default: ${DEFAULT-VALUE}).")
    String athenaDatabase;

    @Option(names = "--athena-table", paramLabel = "NAME", defaultValue = "cloudfront_logs",
            description = "The Glue table over the logs, partitioned by year, month, day, hour (default: ${DEFAULT-VALUE}).")
    String athenaTable;

    @Option(names = "--athena-workgroup", paramLabel = "NAME", defaultValue = "kube9-charts-stats",
            description = "The Athena workgroup (its own result location) (default: ${DEFAULT-VALUE}).")
    String athenaWorkgroup;

    @Option(names = "--athena-region", paramLabel = "REGION", description = "Athena's region (default: from the AWS chain).")
    String athenaRegion;

    @Option(names = "--athena-timeout", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "Stop the query (StopQueryExecution) after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration athenaTimeout;

    @Option(names = "--athena-endpoint", paramLabel = "URL", hidden = true, description = "An Athena API endpoint (tests).")
    URI athenaEndpoint;

    @Option(names = "--athena-poll-interval", paramLabel = "DURATION", hidden = true,
            description = "The first wait before asking Athena for the query's state (tests).")
    Duration athenaFirstPoll;

    @Option(names = "--duckdb-memory-limit", paramLabel = "SIZE", defaultValue = "1GB",
            description = "DuckDB's memory limit; it spills to --work-dir beyond it (default: ${DEFAULT-VALUE}).")
    String duckDbMemoryLimit;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where log objects are downloaded while they are counted (default: a new temporary directory).")
    Path workDirectory;

    @Option(names = "--now", paramLabel = "INSTANT", hidden = true, description = "The run's time, ISO-8601 (tests).")
    Instant now;

    @Option(names = "--dry-run", description = "Count and print; write neither stats.json nor the daily cache.")
    boolean dryRun;

    @Override
    public Integer call() {
        store.validate();
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
        ChartRepository charts = new ChartRepository(store.open(), repository.settings(),
                dryRun ? Invalidator.NONE : repository.invalidator(), RepositoryPages.installed(), clock, output.progress());
        StatisticsReport report = new StatisticsRun(engine(), engine.name(), charts).run(dryRun);
        output.print(report, out -> printText(out, report));
        return ExitCodes.OK;
    }

    private LogStore logs() {
        if (engine == Engine.athena) {
            if (logsBucket != null || logsDirectory != null) {
                throw new ParameterException(spec.commandLine(), "--logs-bucket and --logs-dir are for --engine duckdb;"
                        + " Athena reads the logs through --athena-table");
            }
            return null;
        }
        if ((logsBucket == null) == (logsDirectory == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --logs-bucket or --logs-dir");
        }
        return logsBucket != null
                ? new S3LogStore(S3ObjectStore.client(logsEndpoint, logsRegion, logsEndpoint != null), logsBucket)
                : new DirectoryLogStore(logsDirectory);
    }

    private StatisticsEngine engine() {
        LogStore logs = logs();
        try {
            if (engine == Engine.duckdb) {
                Path work = workDirectory != null ? Files.createDirectories(workDirectory).resolve("kube9-stats-" + ProcessHandle.current().pid())
                        : Files.createTempDirectory("kube9-stats-");
                return new DuckDbEngine(logs, new LogLayout(logsPrefix), work, duckDbMemoryLimit, output.progress());
            }
            var builder = AthenaClient.builder();
            if (athenaEndpoint != null) {
                builder.endpointOverride(athenaEndpoint);
            }
            if (athenaRegion != null) {
                builder.region(Region.of(athenaRegion));
            }
            AthenaSettings settings = new AthenaSettings(athenaDatabase, athenaTable, athenaWorkgroup, athenaTimeout,
                    athenaFirstPoll == null ? AthenaSettings.DEFAULT_FIRST_POLL : athenaFirstPoll,
                    athenaFirstPoll == null ? AthenaSettings.DEFAULT_MAX_POLL : athenaFirstPoll);
            return new AthenaEngine(builder.build(), settings, output.progress());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void printText(PrintWriter out, StatisticsReport report) {
        RepositoryStatistics statistics = report.statistics();
        out.printf("Downloads (last whole UTC days up to %s; all time includes %s so far)%n", statistics.lastDay(), statistics.today());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CHART", "VERSION", "1 DAY", "7 DAYS", "30 DAYS", "90 DAYS", "ALL TIME"));
        statistics.charts().forEach(chart -> {
            rows.add(countsRow(chart.name(), "(all)", chart.downloads()));
            chart.versions().forEach(version -> rows.add(countsRow("", version.version(), version.downloads())));
        });
        rows.add(countsRow("total", "", statistics.downloads()));
        printTable(out, rows);
        out.println();
        List<List<String>> clients = new ArrayList<>();
        clients.add(List.of("CLIENT", "", "1 DAY", "7 DAYS", "30 DAYS", "90 DAYS", "ALL TIME"));
        statistics.clients().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(client -> clients.add(countsRow(client.getKey(), "", client.getValue())));
        printTable(out, clients);
        out.println();
        List<List<String>> days = new ArrayList<>();
        days.add(List.of("DAY", "DOWNLOADS", "DOWNLOADERS", "INDEX 200", "INDEX 304", "PACKAGE 304", "PACKAGE 206"));
        List<DailyActivity> activity = statistics.days();
        activity.subList(Math.max(0, activity.size() - 8), activity.size()).forEach(day -> days.add(List.of(
                day.day() + (day.complete() ? "" : " (so far)"), "" + day.downloads(), "" + day.downloaders(),
                "" + day.indexFetches(), "" + day.indexNotModified(), "" + day.revalidations(), "" + day.partialResponses())));
        printTable(out, days);
        out.println();
        out.printf("%d days counted from the logs with %s (%d log objects read), %d from the daily cache, %d added to it%n",
                report.daysCounted(), report.engine(), report.objectsRead(), report.daysFromCache(), report.daysCached());
        report.newProblems().forEach(problem -> out.println("not counted: " + problem.object() + ": " + problem.reason()));
        out.println(report.dryRun() ? "dry run: nothing was written"
                : "stats.json: " + (report.written() ? "written" : "unchanged"));
    }

    private static List<String> countsRow(String first, String second, Counts counts) {
        return List.of(first, second, "" + counts.lastDay(), "" + counts.last7Days(), "" + counts.last30Days(),
                "" + counts.last90Days(), "" + counts.allTime());
    }

    /** Left-aligned text columns, numbers right-aligned. */
    private static void printTable(PrintWriter out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                boolean number = i >= 2 || !cell.isEmpty() && cell.chars().allMatch(Character::isDigit);
                line.append(number ? " ".repeat(widths[i] - cell.length()) + cell : cell + " ".repeat(widths[i] - cell.length()));
                line.append(i + 1 < row.size() ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
