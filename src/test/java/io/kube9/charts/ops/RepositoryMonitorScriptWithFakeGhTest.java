package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/repository-monitor.sh end to end: the CLI's verify against an S3Mock bucket and its replica, the public
 * URL served by S3Mock itself (the origin as the CDN reaches it, anonymous path-style GETs), and GitHub a fake
 * {@code gh} on PATH ({@link DriftIssueScriptWithFakeGhTest}'s) that keeps the open issue in a file.
 */
class RepositoryMonitorScriptWithFakeGhTest {
    @TempDir
    Path dir;

    @Test
    void nothingWhileHealthyThenOneIssueCommentedWhileItLastsAndClosedOnRecovery() throws Exception {
        String bucket = TestBuckets.create("monitored");
        String replica = TestBuckets.create("monitored-replica");
        String url = TestBuckets.server().endpoint() + "/" + bucket;
        new Publisher(ChartRepository.open(TestBuckets.store(bucket), RepositorySettings.defaults(url), Invalidator.NONE,
                Clock.systemUTC(), Progress.SILENT)).publish(List.of(TestCharts.archive("demo", "1.0.0")), false);
        TestBuckets.copyAll(bucket, replica);
        Path ghDir = Files.createDirectories(dir.resolve("gh"));
        CiScriptRun monitor = new CiScriptRun("repository-monitor.sh", dir.resolve("run"), TestTools.helm3())
                .env("CHART_BUCKET", bucket).env("CHART_REPOSITORY_URL", url).env("REPLICA_BUCKET", replica)
                .env("S3_ENDPOINT", TestBuckets.server().endpoint().toString()).env("FAKE_GH_DIR", ghDir.toString())
                .env("GITHUB_REPOSITORY", "alto9/kube9-charts").env("GITHUB_RUN_ID", "42");
        Path gh = monitor.file("bin").resolve("gh");
        Files.writeString(gh, FakeGh.SCRIPT);
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));

        CiScriptRun.Result healthy = monitor.run();
        assertEquals(0, healthy.exitCode(), healthy.output());
        assertEquals(List.of("issue list --label repository-monitor --state open --limit 1 --json number --jq .[0].number // empty"),
                calls(ghDir), "healthy and no issue: only looked");

        TestBuckets.server().client().deleteObject(b -> b.bucket(replica).key("demo-1.0.0.tgz"));
        CiScriptRun.Result failing = monitor.run();
        assertEquals(0, failing.exitCode(), failing.output());
        List<String> calls = calls(ghDir);
        assertTrue(calls.get(2).startsWith("label create repository-monitor"), calls.toString());
        assertTrue(calls.get(3).startsWith("issue create --title Chart repository check failing --label repository-monitor"), calls.toString());
        String body = Files.readString(ghDir.resolve("body"));
        assertTrue(body.startsWith("# Chart repository monitor: " + url), body);
        assertTrue(body.contains("**1 problem(s)** in s3://" + bucket), body);
        assertTrue(body.contains("- demo-1.0.0.tgz is missing from the replica"), body);
        assertTrue(monitor.read("github-step-summary").contains("- demo-1.0.0.tgz is missing from the replica"));

        CiScriptRun.Result lasting = monitor.run();
        assertEquals(0, lasting.exitCode(), lasting.output());
        calls = calls(ghDir);
        assertTrue(calls.get(calls.size() - 1).startsWith("issue comment 7 --body-file"), calls.toString());
        assertEquals(1, calls.stream().filter(call -> call.startsWith("issue create")).count(), calls.toString());

        TestBuckets.copyAll(bucket, replica);
        CiScriptRun.Result recovered = monitor.run();
        assertEquals(0, recovered.exitCode(), recovered.output());
        calls = calls(ghDir);
        assertEquals("issue close 7 --comment Healthy again (https://github.com/alto9/kube9-charts/actions/runs/42): verify finds no"
                + " problem in the repository.", calls.get(calls.size() - 1));
    }

    private static List<String> calls(Path ghDir) throws Exception {
        return Files.exists(ghDir.resolve("calls")) ? Files.readAllLines(ghDir.resolve("calls")) : List.of();
    }
}
