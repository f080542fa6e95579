package io.kube9.charts.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.testing.S3MockServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code stats} end to end: the log bucket and the chart bucket in a real S3 API server (S3Mock), DuckDB counting. */
class StatsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static S3Client s3;
    private static String logsBucket;
    private static String chartBucket;

    @BeforeAll
    static void buckets() {
        S3MockServer.useCredentialsInThisJvm();
        s3 = TestBuckets.server().client();
        logsBucket = TestBuckets.create("logs");
        chartBucket = TestBuckets.create("charts");
        CloudFrontLogFixture.handMade(temp).materialize(temp).forEach((key, bytes) ->
                s3.putObject(b -> b.bucket(logsBucket).key(key), RequestBody.fromBytes(bytes)));
        s3.putObject(b -> b.bucket(chartBucket).key(RepositoryLayout.INDEX_KEY), RequestBody.fromString(StatisticsAssertions.INDEX));
    }

    @AfterAll
    static void credentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static CliRun stats(String now, String... extra) {
        String endpoint = TestBuckets.server().endpoint().toString();
        List<String> args = new ArrayList<>(List.of("stats", "--bucket", chartBucket, "--endpoint", endpoint, "--path-style",
                "--region", S3MockServer.REGION.id(), "--logs-bucket", logsBucket, "--logs-prefix", CloudFrontLogFixture.PREFIX,
                "--logs-endpoint", endpoint, "--logs-region", S3MockServer.REGION.id(), "--now", now,
                "--work-dir", temp.resolve("work").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    @Test
    void countsFromTheLogBucketWritesStatsJsonAndTheCacheAndASecondRunReadsOnlyToday() throws Exception {
        CliRun first = stats(CloudFrontLogFixture.NOW, "--output", "json");

        assertEquals(0, first.exitCode(), first.err());
        JsonNode report = JSON.readTree(first.out());
        RepositoryStatistics statistics = RepositoryStatistics.read(JSON.writeValueAsBytes(report.get("statistics")), "stdout");
        StatisticsAssertions.assertHandMadeCounts(statistics);
        assertEquals(90, report.get("daysCached").asInt());
        StatisticsAssertions.assertHandMadeProblems(List.of(JSON.treeToValue(report.get("problems"), UncountedObject[].class)));
        assertTrue(first.err().contains("stats: not counted: s3://" + logsBucket + "/" + CloudFrontLogFixture.PREFIX
                + "2026/12/06/13/someone-elses.parquet: not a CloudFront log"), first.err());
        ResponseBytes<GetObjectResponse> written = s3.getObjectAsBytes(b -> b.bucket(chartBucket).key(RepositoryLayout.STATISTICS_KEY));
        assertEquals("application/json", written.response().contentType());
        assertEquals(RepositoryLayout.MUTABLE, written.response().cacheControl());
        assertEquals(statistics, RepositoryStatistics.read(written.asByteArray(), RepositoryLayout.STATISTICS_KEY));
        assertTrue(keys(chartBucket).contains(DailyCache.PREFIX + "2026-12-06.json"));
        assertTrue(keys(logsBucket).stream().allMatch(key -> key.startsWith(CloudFrontLogFixture.PREFIX)), "the logs are only read");

        CliRun second = stats("2026-12-07T13:00:00Z");

        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("1 days counted from the logs with duckdb (1 log objects read), 90 from the daily cache"),
                second.out());
        assertTrue(second.out().contains("stats.json: written"), second.out());
        String table = second.out();
        assertTrue(table.lines().anyMatch(line -> line.matches("kube9-operator\\s+\\(all\\)\\s+4\\s+5\\s+7\\s+9\\s+10")), table);
        assertTrue(table.lines().anyMatch(line -> line.matches("\\s+1\\.3\\.0\\+build\\.7\\s+1\\s+1\\s+1\\s+1\\s+1")), table);
        assertTrue(table.lines().anyMatch(line -> line.matches("helm3\\s+2\\s+3\\s+5\\s+5\\s+6")), table);
        assertTrue(table.lines().anyMatch(line -> line.matches("2026-12-06\\s+6\\s+5\\s+3\\s+1\\s+1\\s+1")), table);

        for (CliRun run : List.of(first, second)) {
            StatisticsAssertions.assertNoAddress("stdout", run.out());
            StatisticsAssertions.assertNoAddress("stderr", run.err());
        }
        StatisticsAssertions.assertNoAddress("stats.json", written.asByteArray());
        for (String key : keys(chartBucket)) {
            if (key.startsWith(DailyCache.PREFIX)) {
                StatisticsAssertions.assertNoAddress(key, s3.getObjectAsBytes(b -> b.bucket(chartBucket).key(key)).asByteArray());
            }
        }
    }

    @Test
    void usageErrorsNameTheOption() {
        CliRun neither = CliRun.of("stats", "--local-dir", temp.resolve("repo").toString());
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err().contains("give exactly one of --logs-bucket or --logs-dir"), neither.err());

        CliRun logsForAthena = CliRun.of("stats", "--local-dir", temp.resolve("repo").toString(), "--logs-dir", temp.toString(),
                "--engine", "athena");
        assertEquals(2, logsForAthena.exitCode());
        assertTrue(logsForAthena.err().contains("--logs-bucket and --logs-dir are for --engine duckdb"), logsForAthena.err());

        CliRun badTable = CliRun.of("stats", "--local-dir", temp.resolve("repo").toString(),
                "--engine", "athena", "--athena-table", "logs; DROP TABLE x");
        assertEquals(2, badTable.exitCode());
        assertTrue(badTable.err().contains("--athena-table must be letters, digits, '_' or '-'"), badTable.err());
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
}
