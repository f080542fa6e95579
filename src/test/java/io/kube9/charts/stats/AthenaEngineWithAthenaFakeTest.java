package io.kube9.charts.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The Athena engine against a recorded fake of the Athena API (RecordedAthenaFake), which runs the query it receives
 * in DuckDB over the same Parquet logs the DuckDB engine counts.
 */
class AthenaEngineWithAthenaFakeTest {
    private static final List<LocalDate> WINDOW = StatisticsBuilder.windowDays(CloudFrontLogFixture.TODAY);

    @TempDir
    static Path temp;

    private static Path logs;
    private static Path hive;
    private RecordedAthenaFake athena;
    private final List<String> progress = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeAll
    static void logs() throws Exception {
        logs = temp.resolve("logs");
        hive = temp.resolve("hive");
        CloudFrontLogFixture fixture = CloudFrontLogFixture.handMade(temp);
        fixture.writeTo(logs, temp);
        // Athena reads the Glue table's partitions; the corrupt and foreign objects are left out (Athena would fail on them).
        for (CloudFrontLogFixture.LogObject object : fixture.objects()) {
            if (object.raw() == null) {
                String[] parts = object.key().substring(CloudFrontLogFixture.PREFIX.length()).split("/");
                Path file = hive.resolve("year=" + parts[0]).resolve("month=" + Integer.parseInt(parts[1]))
                        .resolve("day=" + Integer.parseInt(parts[2])).resolve("hour=" + Integer.parseInt(parts[3])).resolve(parts[4]);
                Files.createDirectories(file.getParent());
                Files.copy(logs.resolve(object.key()), file);
            }
        }
    }

    @AfterEach
    void stop() {
        if (athena != null) {
            athena.close();
        }
    }

    private AthenaEngine engine(Duration timeout, AthenaEngine.Sleeper sleeper) {
        AthenaClient client = AthenaClient.builder().endpointOverride(athena.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"))).build();
        return new AthenaEngine(client, new AthenaSettings("kube9_charts_logs", "cloudfront_logs", "kube9-charts-stats", timeout,
                Duration.ofMillis(10), Duration.ofMillis(40)), progress::add, sleeper);
    }

    private AthenaEngine engine() {
        return engine(Duration.ofMinutes(1), sleeps::add);
    }

    @Test
    void theQueryReadsOnlyTheWindowsPartitionsAndGivesTheDuckDbEnginesNumbers() {
        athena = new RecordedAthenaFake(hive);

        Map<LocalDate, DayCounts> fromAthena = engine().count(WINDOW);

        RecordedAthenaFake.Call start = athena.calls("StartQueryExecution").get(0);
        assertEquals("kube9-charts-stats", start.body().path("WorkGroup").asText());
        assertEquals("kube9_charts_logs", start.body().path("QueryExecutionContext").path("Database").asText());
        String query = start.body().path("QueryString").asText();
        assertTrue(query.contains("FROM " + RecordedAthenaFake.TABLE + "\n    WHERE ((year = 2026 AND month = 9 AND day IN (8, 9, 10,"), query);
        assertTrue(query.contains(" OR (year = 2026 AND month = 12 AND day IN (1, 2, 3, 4, 5, 6, 7)))"), query);
        assertEquals(4, StatisticsQuery.partitionPredicate(WINDOW).split(" OR ").length, "one term per month: Sep to Dec");
        assertTrue(!query.contains("--"), "comments stay in the resource");
        assertTrue(athena.calls("GetQueryResults").size() > 2, "the result is read page by page");

        Map<LocalDate, DayCounts> fromDuckDb = new DuckDbEngine(new DirectoryLogStore(logs), new LogLayout(CloudFrontLogFixture.PREFIX),
                temp.resolve("work"), "256MB", line -> { }).count(WINDOW);
        assertEquals(counts(fromDuckDb), counts(fromAthena));
        DayCounts yesterday = fromAthena.get(CloudFrontLogFixture.TODAY.minusDays(1));
        assertEquals(6, yesterday.totalDownloads());
        assertEquals(5, yesterday.downloaders());
        assertEquals(91, fromAthena.size());
    }

    /** The counts alone: the DuckDB engine also names the objects it read and those it could not count. */
    private static Map<LocalDate, DayCounts> counts(Map<LocalDate, DayCounts> days) {
        Map<LocalDate, DayCounts> counts = new java.util.TreeMap<>(days);
        counts.replaceAll((day, count) -> count.withSources(false, List.of(), List.of()));
        return counts;
    }

    @Test
    void pollsWithBackoffUpToTheLongestWaitAndReportsEachStateOnce() {
        athena = new RecordedAthenaFake(hive).states("QUEUED", "RUNNING", "RUNNING", "RUNNING", "RUNNING");

        engine().count(List.of(CloudFrontLogFixture.TODAY));

        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(40),
                Duration.ofMillis(40), Duration.ofMillis(40)), sleeps);
        assertEquals(6, athena.calls("GetQueryExecution").size());
        assertEquals(List.of("started", "QUEUED", "RUNNING", "SUCCEEDED"), progress.stream()
                .map(line -> line.replaceFirst("^stats: Athena query q-1 ", "").split(" ")[0]).toList(), progress.toString());
    }

    @Test
    void aFailedQueryIsReportedWithAthenasReason() {
        athena = new RecordedAthenaFake(hive).states("RUNNING")
                .failWith("HIVE_BAD_DATA: Error opening Hive split s3://logs/AWSLogs/x.parquet: not a Parquet file");

        StatisticsException failure = assertThrows(StatisticsException.class, () -> engine().count(WINDOW));

        assertEquals("Athena query q-1 FAILED: HIVE_BAD_DATA: Error opening Hive split s3://logs/AWSLogs/x.parquet: not a Parquet file",
                failure.getMessage());
        assertEquals(List.of(), athena.calls("StopQueryExecution"));
        assertEquals(List.of(), athena.calls("GetQueryResults"));
    }

    @Test
    void aQueryPastTheTimeoutIsStopped() {
        athena = new RecordedAthenaFake(hive).neverFinish();

        StatisticsException failure = assertThrows(StatisticsException.class,
                () -> engine(Duration.ofMillis(200), duration -> Thread.sleep(duration.toMillis())).count(WINDOW));

        assertTrue(failure.getMessage().startsWith("Athena query q-1 did not finish within PT0.2S; it was stopped"), failure.getMessage());
        assertEquals("q-1", athena.calls("StopQueryExecution").get(0).body().path("QueryExecutionId").asText());
    }

    @Test
    void anInterruptedRunStopsTheQuery() {
        athena = new RecordedAthenaFake(hive).neverFinish();
        AthenaEngine.Sleeper interruptedOnSecondWait = duration -> {
            sleeps.add(duration);
            if (sleeps.size() == 2) {
                throw new InterruptedException();
            }
        };

        StatisticsException failure = assertThrows(StatisticsException.class,
                () -> engine(Duration.ofMinutes(1), interruptedOnSecondWait).count(WINDOW));

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals("interrupted while Athena query q-1 ran; it was stopped", failure.getMessage());
        assertEquals(1, athena.calls("StopQueryExecution").size());
    }

    @Test
    void aRefusedStartNamesTheWorkgroupAndAthenasMessage() {
        athena = new RecordedAthenaFake(hive).refuseStart();

        StatisticsException failure = assertThrows(StatisticsException.class, () -> engine().count(WINDOW));

        assertTrue(failure.getMessage().startsWith("Athena refused the query in workgroup kube9-charts-stats: "
                + "WorkGroup kube9-charts-stats is disabled."), failure.getMessage());
    }

    @Test
    void theStatsCommandRunsTheAthenaEngineAndKeepsTheDailyCache() throws Exception {
        athena = new RecordedAthenaFake(hive);
        Path repository = temp.resolve("repository");
        new LocalDirectoryStore(repository).putIfAbsent(RepositoryLayout.INDEX_KEY,
                StatisticsAssertions.INDEX.getBytes(StandardCharsets.UTF_8), RepositoryLayout.LIFECYCLE);
        S3MockServer.useCredentialsInThisJvm();
        try {
            CliRun run = CliRun.of("stats", "--engine", "athena", "--local-dir", repository.toString(),
                    "--athena-endpoint", athena.endpoint().toString(), "--athena-region", "us-east-1",
                    "--athena-poll-interval", "PT0.01S", "--now", CloudFrontLogFixture.NOW, "--output", "json");

            assertEquals(0, run.exitCode(), run.err());
            RepositoryStatistics statistics = RepositoryStatistics.read(
                    Files.readAllBytes(repository.resolve(RepositoryLayout.STATISTICS_KEY)), RepositoryLayout.STATISTICS_KEY);
            assertEquals(new RepositoryStatistics.Counts(6, 7, 9, 11, 12), statistics.downloads());
            assertTrue(Files.isRegularFile(repository.resolve("stats/daily/2026-12-06.json")));
            StatisticsAssertions.assertNoAddress("stdout", run.out());
            StatisticsAssertions.assertNoAddress("stderr", run.err());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
