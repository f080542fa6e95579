package io.kube9.charts.stats;

import io.kube9.charts.repository.support.Progress;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shared query in embedded DuckDB: the days' log objects are downloaded one by one (streamed to files) into a
 * temporary directory laid out as Hive partitions ({@code year=/month=/day=/hour=}), each checked to be a readable
 * CloudFront log, and counted with one query. DuckDB spills to the same directory beyond its memory limit.
 */
public final class DuckDbEngine implements StatisticsEngine {
    /** The columns the query reads; a Parquet object without one of them, as text, is not a CloudFront log. */
    static final List<String> REQUIRED_COLUMNS = List.of("cs_method", "sc_status", "cs_uri_stem", "cs_user_agent", "c_ip");
    private static final String HIVE_TYPES = "{'year': INTEGER, 'month': INTEGER, 'day': INTEGER, 'hour': INTEGER}";

    private final LogStore logs;
    private final LogLayout layout;
    private final Path workDirectory;
    private final String memoryLimit;
    private final Progress progress;
    private int objectsRead;

    /**
     * @param workDirectory an empty directory of its own for downloads and DuckDB's spill files (deleted after each count)
     * @param memoryLimit   DuckDB's memory_limit, e.g. {@code 1GB}
     */
    public DuckDbEngine(LogStore logs, LogLayout layout, Path workDirectory, String memoryLimit, Progress progress) {
        if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*[KMGT]i?B")) {
            throw new IllegalArgumentException("memory limit must look like 512MB or 2GB, got: " + memoryLimit);
        }
        this.logs = logs;
        this.layout = layout;
        this.workDirectory = workDirectory;
        this.memoryLimit = memoryLimit;
        this.progress = progress;
    }

    @Override
    public int objectsRead() {
        return objectsRead;
    }

    @Override
    public Map<LocalDate, DayCounts> count(List<LocalDate> days) {
        Path partitions = workDirectory.resolve("logs");
        try (Connection duckdb = connect()) {
            Map<LocalDate, List<String>> objects = new HashMap<>();
            Map<LocalDate, List<UncountedObject>> problems = new HashMap<>();
            Map<Path, Source> accepted = new LinkedHashMap<>();
            for (LocalDate day : days) {
                objects.put(day, new ArrayList<>());
                problems.put(day, new ArrayList<>());
                fetchDay(duckdb, day, partitions, objects.get(day), problems.get(day), accepted);
            }
            List<QueryRow> rows = accepted.isEmpty() ? List.of() : queryLeavingOutDamaged(duckdb, days, partitions, accepted, problems);
            Map<LocalDate, DayCounts> counts = QueryRow.perDay(days, rows);
            counts.replaceAll((day, dayCounts) -> dayCounts.withSources(false, objects.get(day), problems.get(day)));
            return counts;
        } catch (SQLException e) {
            throw new StatisticsException("DuckDB could not count the logs: " + e.getMessage(), e);
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    /** A downloaded log object: its day and its key after the logs prefix. */
    private record Source(LocalDate day, String object) {}

    /** Downloads one day's objects and checks each one's schema (its footer only); the accepted ones go to {@code accepted}. */
    private void fetchDay(Connection duckdb, LocalDate day, Path partitions, List<String> read, List<UncountedObject> rejected,
            Map<Path, Source> accepted) {
        List<String> keys = logs.list(layout.dayPrefix(day));
        long bytes = 0;
        for (String key : keys) {
            String object = key.substring(layout.prefix().length());
            read.add(object);
            Optional<Integer> hour = layout.hourOf(key, day);
            if (hour.isEmpty()) {
                reject(rejected, new UncountedObject(object, "not in the <yyyy>/<MM>/<dd>/<HH>/ folders CloudFront delivers to"));
                continue;
            }
            Path target = partitions.resolve("year=" + day.getYear()).resolve("month=" + day.getMonthValue())
                    .resolve("day=" + day.getDayOfMonth()).resolve("hour=" + hour.get()).resolve(objectsRead + ".parquet");
            createDirectories(target.getParent());
            logs.download(key, target);
            objectsRead++;
            bytes += size(target);
            Optional<String> unusable = schemaProblem(duckdb, target);
            if (unusable.isPresent()) {
                reject(rejected, new UncountedObject(object, unusable.get()));
                deleteRecursively(target);
            } else {
                accepted.put(target, new Source(day, object));
            }
        }
        if (!keys.isEmpty()) {
            progress.line("stats: " + day + ": " + keys.size() + " log objects (" + bytes / 1024 + " KiB) read from "
                    + logs.describe() + "/" + layout.dayPrefix(day) + (rejected.isEmpty() ? "" : ", " + rejected.size() + " not counted"));
        }
    }

    private void reject(List<UncountedObject> rejected, UncountedObject problem) {
        rejected.add(problem);
        progress.line("stats: not counted: " + logs.describe() + "/" + layout.prefix() + problem.object() + ": " + problem.reason());
    }

    /**
     * The query over the accepted objects. Their footers were checked, not their pages: when the query fails, every
     * object's counted columns are read to find the damaged ones, which are left out, and the query runs once more.
     * Reading each object twice on every run would double the work for a case that is rare.
     */
    private List<QueryRow> queryLeavingOutDamaged(Connection duckdb, List<LocalDate> days, Path partitions, Map<Path, Source> accepted,
            Map<LocalDate, List<UncountedObject>> problems) throws SQLException {
        try {
            return query(duckdb, days, partitions);
        } catch (SQLException failure) {
            int damaged = 0;
            for (Map.Entry<Path, Source> file : accepted.entrySet()) {
                Optional<String> problem = damagedBecause(duckdb, file.getKey());
                if (problem.isPresent()) {
                    reject(problems.get(file.getValue().day()), new UncountedObject(file.getValue().object(), problem.get()));
                    deleteRecursively(file.getKey());
                    damaged++;
                }
            }
            if (damaged == 0 || damaged == accepted.size()) {
                if (damaged == 0) {
                    throw failure;
                }
                return List.of();
            }
            return query(duckdb, days, partitions);
        }
    }

    /** Why the file is not a CloudFront log, from its footer (the schema), or empty when it looks like one. */
    static Optional<String> schemaProblem(Connection duckdb, Path file) {
        Map<String, String> columns = new HashMap<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + parquet(file))) {
            while (described.next()) {
                columns.put(described.getString("column_name"), described.getString("column_type"));
            }
        } catch (SQLException e) {
            return Optional.of("not a readable Parquet file: " + unreadable(e, file));
        }
        for (String column : REQUIRED_COLUMNS) {
            if (!"VARCHAR".equals(columns.get(column))) {
                return Optional.of(columns.containsKey(column)
                        ? "not a CloudFront log: column " + column + " is " + columns.get(column) + ", not text"
                        : "not a CloudFront log: it has no column " + column);
            }
        }
        return Optional.empty();
    }

    /** Why the counted columns' pages cannot be read, or empty when they can. */
    static Optional<String> damagedBecause(Connection duckdb, Path file) {
        String sums = String.join(", ", REQUIRED_COLUMNS.stream().map(column -> "sum(length(" + column + "))").toList());
        try (Statement statement = duckdb.createStatement();
                ResultSet ignored = statement.executeQuery("SELECT " + sums + " FROM " + parquet(file))) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("damaged: its schema reads but its data does not: " + unreadable(e, file));
        }
    }

    private static String parquet(Path file) {
        return "read_parquet(" + literal(file.toString()) + ")";
    }

    /** DuckDB's reason, without the downloaded copy's path (the caller names the object). */
    private static String unreadable(SQLException e, Path file) {
        return firstLine(e.getMessage()).replace(file.toString(), "it").strip();
    }

    private List<QueryRow> query(Connection duckdb, List<LocalDate> days, Path partitions) throws SQLException {
        String logsTable = "read_parquet(" + literal(partitions + "/*/*/*/*/*.parquet")
                + ", hive_partitioning = true, union_by_name = true, hive_types = " + HIVE_TYPES + ")";
        List<QueryRow> rows = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(StatisticsQuery.forDays(logsTable, days))) {
            while (result.next()) {
                rows.add(new QueryRow(result.getInt("year"), result.getInt("month"), result.getInt("day"),
                        result.getString("metric"), result.getString("item"), result.getLong("n")));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            // Everything DuckDB needs is in the jar; it must not try to fetch an extension.
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
            statement.execute("SET memory_limit = " + literal(memoryLimit));
            statement.execute("SET temp_directory = " + literal(workDirectory.resolve("spill").toString()));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
