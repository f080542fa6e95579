package io.kube9.charts.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudFront standard logging v2 objects made in the test with DuckDB: Parquet files with the Athena User Guide's
 * string columns, under {@code <prefix><yyyy>/<MM>/<dd>/<HH>/}. {@link #handMade} is the set every counting rule is
 * tested on; {@link #EXPECTED} are its numbers, counted by hand.
 */
public final class CloudFrontLogFixture {
    public static final String PREFIX = "AWSLogs/111122223333/CloudFront/E2EXAMPLE/";
    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    public static final String NOW = "2026-12-07T12:00:00Z";
    public static final List<String> ADDRESS_PREFIXES = List.of("203.0.113.", "198.51.100.", "2001:db8:");

    static final String HELM3 = "Helm/3.17.3";
    static final String HELM4 = "Helm/4.1.4";
    static final String FLUX = "source-controller/v1.4.1%20flux/v2.4.0";
    static final String ARGO = "argocd-repo-server/v2.13.1";
    static final String BROWSER = "Mozilla/5.0%20(X11;%20Linux%20x86_64)%20Firefox/133.0";
    static final String CURL = "curl/8.5.0";

    /** One logged request; the date comes from the hour folder it is delivered into. */
    record Request(String ip, String method, String uri, String status, String agent) {
        static Request get(String ip, String uri, String status, String agent) {
            return new Request(ip, "GET", uri, status, agent);
        }
    }

    /** A log object: its key and its requests, or raw bytes (a corrupt or foreign object). */
    record LogObject(String key, LocalDate day, List<Request> requests, byte[] raw) {}

    private final List<LogObject> objects = new ArrayList<>();

    CloudFrontLogFixture add(LocalDate day, int hour, String name, Request... requests) {
        objects.add(new LogObject(key(day, hour, name), day, List.of(requests), null));
        return this;
    }

    CloudFrontLogFixture addRaw(String key, byte[] content) {
        objects.add(new LogObject(key, null, List.of(), content));
        return this;
    }

    static String key(LocalDate day, int hour, String name) {
        return PREFIX + String.format("%04d/%02d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth(), hour) + name;
    }

    List<LogObject> objects() {
        return List.copyOf(objects);
    }

    /** Every object's bytes, by key. */
    public Map<String, byte[]> materialize(Path scratch) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (LogObject object : objects) {
                if (object.raw() != null) {
                    content.put(object.key(), object.raw());
                    continue;
                }
                Path file = scratch.resolve(content.size() + ".parquet");
                writeParquet(duckdb, file, object.day(), object.requests());
                content.put(object.key(), Files.readAllBytes(file));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return content;
    }

    /** Writes the objects under {@code root} as the log bucket lays them out. */
    void writeTo(Path root, Path scratch) {
        materialize(scratch).forEach((key, bytes) -> {
            try {
                Path file = root.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static void writeParquet(Connection duckdb, Path file, LocalDate day, List<Request> requests) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE log (\"date\" VARCHAR, \"time\" VARCHAR, x_edge_location VARCHAR,"
                    + " sc_bytes VARCHAR, c_ip VARCHAR, cs_method VARCHAR, cs_uri_stem VARCHAR, sc_status VARCHAR,"
                    + " cs_user_agent VARCHAR, x_edge_result_type VARCHAR, sc_range_start VARCHAR, sc_range_end VARCHAR)");
        }
        try (PreparedStatement insert = duckdb.prepareStatement(
                "INSERT INTO log VALUES (?, ?, 'FRA56-P1', '1234', ?, ?, ?, ?, ?, 'Miss', '-', '-')")) {
            int second = 0;
            for (Request request : requests) {
                insert.setString(1, day.toString());
                insert.setString(2, String.format("10:00:%02d", second++ % 60));
                insert.setString(3, request.ip());
                insert.setString(4, request.method());
                insert.setString(5, request.uri());
                insert.setString(6, request.status());
                insert.setString(7, request.agent());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("COPY log TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        }
    }

    static byte[] foreignParquet(Path scratch) {
        Path file = scratch.resolve("foreign.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT 42 AS answer, 'x' AS cs_method) TO '" + file + "' (FORMAT PARQUET)");
            return Files.readAllBytes(file);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A log whose footer (schema) is intact and whose pages are overwritten: only reading the data finds it. */
    static byte[] damagedPages(Path scratch) {
        Path file = scratch.resolve("damaged.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            writeParquet(duckdb, file, TODAY.minusDays(1), List.of(
                    Request.get("203.0.113.99", "/kube9-operator-1.2.0.tgz", "200", HELM3)));
            byte[] bytes = Files.readAllBytes(file);
            int footer = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            java.util.Arrays.fill(bytes, 4, bytes.length - 8 - footer, (byte) 0xFF);
            return bytes;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hand-made set: every counting rule, each window's edge, a corrupt and two foreign objects. */
    public static CloudFrontLogFixture handMade(Path scratch) {
        LocalDate yesterday = TODAY.minusDays(1);
        String helmUser = "203.0.113.7";
        String other = "198.51.100.23";
        return new CloudFrontLogFixture()
                // Yesterday: the rules.
                .add(yesterday, 10, "E2EXAMPLE.2026-12-06-10.a1.parquet",
                        Request.get(helmUser, "/kube9-operator-1.2.0.tgz", "200", HELM3),      // download (helm3)
                        Request.get(helmUser, "/kube9-operator-1.2.0.tgz", "200", HELM3),      // download, same downloader
                        Request.get(helmUser, "/kube9-operator-1.2.0.tgz", "200", HELM4),      // download (helm4), 2nd downloader
                        Request.get(helmUser, "/kube9-operator-1.2.0.tgz", "304", HELM3),      // revalidation, not a download
                        Request.get(other, "/kube9-operator-1.2.0.tgz", "206", BROWSER),       // partial, not a download
                        new Request(helmUser, "HEAD", "/kube9-operator-1.2.0.tgz", "200", HELM3), // HEAD: nothing
                        Request.get(helmUser, "/kube9-operator-1.2.0.tgz.prov", "200", HELM3), // .prov: nothing
                        Request.get(other, "/kube9-operator-9.9.9.tgz", "404", CURL),          // not found: nothing
                        Request.get(other, "/kube9-operator-1.2.0.tgz", "403", CURL),          // refused: nothing
                        Request.get(helmUser, "/index.yaml", "200", HELM3),                    // index fetch
                        Request.get(other, "/index.yaml", "200", FLUX),                        // index fetch
                        Request.get(helmUser, "/index.yaml", "304", HELM3),                    // index not modified
                        new Request(helmUser, "HEAD", "/index.yaml", "200", HELM3))            // HEAD: nothing
                .add(yesterday, 11, "E2EXAMPLE.2026-12-06-11.b2.parquet",
                        Request.get(other, "/kube9-operator-1.3.0%2Bbuild.7.tgz", "200", FLUX), // build metadata, flux
                        Request.get(other, "/web-app-2.0.0.tgz", "200", ARGO),                  // longest known name (web, web-app)
                        Request.get("2001:db8::1", "/old-chart-0.9.0-rc.1.tgz", "200", BROWSER), // not in the index: split by version
                        Request.get("2001:db8::1", "/index.yaml", "200", CURL))
                // Not counted: corrupt, foreign (other columns), outside the hour folders.
                .addRaw(key(yesterday, 12, "E2EXAMPLE.2026-12-06-12.c3.parquet"), "PAR1 this is not parquet".getBytes(StandardCharsets.UTF_8))
                .addRaw(key(yesterday, 13, "someone-elses.parquet"), foreignParquet(scratch))
                .addRaw(PREFIX + "2026/12/06/README.txt", "notes".getBytes(StandardCharsets.UTF_8))
                .addRaw(key(yesterday, 14, "E2EXAMPLE.2026-12-06-14.d4.parquet"), damagedPages(scratch))
                // Window edges: 7 days ago (in 7), 8 days ago (in 30), 31 days ago (in 90), 90 and 91 days ago.
                .add(TODAY.minusDays(7), 0, "d7.parquet", Request.get(helmUser, "/kube9-operator-1.1.0.tgz", "200", HELM3))
                .add(TODAY.minusDays(8), 23, "d8.parquet", Request.get(helmUser, "/kube9-operator-1.1.0.tgz", "200", HELM3),
                        Request.get(other, "/kube9-operator-1.1.0.tgz", "200", HELM3))
                .add(TODAY.minusDays(31), 5, "d31.parquet", Request.get(helmUser, "/kube9-operator-1.0.0.tgz", "200", CURL))
                .add(TODAY.minusDays(90), 5, "d90.parquet", Request.get(helmUser, "/kube9-operator-1.0.0.tgz", "200", CURL))
                .add(TODAY.minusDays(91), 5, "d91.parquet", Request.get(helmUser, "/kube9-operator-1.0.0.tgz", "200", CURL))
                // Today so far: all time only.
                .add(TODAY, 9, "today.parquet", Request.get(helmUser, "/kube9-operator-1.2.0.tgz", "200", HELM3));
    }
}
