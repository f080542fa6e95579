package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.stats.CloudFrontLogFixture;
import io.kube9.charts.stats.StatisticsAssertions;
import io.kube9.charts.testing.TestTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** scripts/ci/repository-stats.sh as repository-stats.yml runs it, against a log bucket and a chart bucket in S3Mock. */
class RepositoryStatsScriptTest {
    @TempDir
    Path dir;

    @Test
    void countsTheLogBucketWritesStatsJsonAndSummarizesPerChart() {
        S3Client s3 = TestBuckets.server().client();
        String logs = TestBuckets.create("script-logs");
        String charts = TestBuckets.create("script-charts");
        CloudFrontLogFixture.handMade(dir).materialize(dir).forEach((key, bytes) ->
                s3.putObject(b -> b.bucket(logs).key(key), RequestBody.fromBytes(bytes)));
        s3.putObject(b -> b.bucket(charts).key(RepositoryLayout.INDEX_KEY), RequestBody.fromString(StatisticsAssertions.INDEX));
        CiScriptRun run = new CiScriptRun("repository-stats.sh", dir.resolve("run"), TestTools.helm3())
                .env("CHART_BUCKET", charts)
                .env("LOGS_BUCKET", logs)
                .env("LOGS_PREFIX", CloudFrontLogFixture.PREFIX)
                .env("S3_ENDPOINT", TestBuckets.server().endpoint().toString());

        CiScriptRun.Result result = run.run();

        assertEquals(0, result.exitCode(), result.output());
        String summary = run.read("github-step-summary");
        assertTrue(summary.startsWith("## Download statistics\n"), summary);
        assertTrue(summary.contains("| kube9-operator | all | "), summary);
        assertTrue(summary.contains("| web-app | all | "), summary);
        assertTrue(summary.contains("4 log objects could not be counted"), summary);
        StatisticsAssertions.assertNoAddress("job summary", summary);
        StatisticsAssertions.assertNoAddress("step log", result.output());
        assertTrue(s3.listObjectsV2(b -> b.bucket(charts)).contents().stream()
                .anyMatch(object -> object.key().equals(RepositoryLayout.STATISTICS_KEY)), "stats.json written");

        CiScriptRun.Result refused = new CiScriptRun("repository-stats.sh", dir.resolve("refused"), TestTools.helm3())
                .env("CHART_BUCKET", charts).env("LOGS_BUCKET", logs).env("LOGS_PREFIX", CloudFrontLogFixture.PREFIX)
                .env("STATS_ENGINE", "spark").run();
        assertEquals(2, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("unknown STATS_ENGINE 'spark': use duckdb or athena"), refused.output());
    }
}
