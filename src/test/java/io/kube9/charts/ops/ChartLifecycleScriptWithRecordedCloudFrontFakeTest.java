package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.testing.RecordedCloudFrontFake;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/chart-lifecycle.sh, the logic of .github/workflows/chart-lifecycle.yml: each action of the
 * workflow's dispatch form runs the real CLI against S3Mock, with the recorded CloudFront FAKE for the
 * invalidation, and the job summary names the action, the reason and the actor. Not run here: the dispatch form,
 * the protected environment's approval and the lifecycle role's OIDC trust, which only GitHub and AWS can run.
 */
class ChartLifecycleScriptWithRecordedCloudFrontFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DISTRIBUTION = "E2LIFECYCLE";

    @TempDir
    static Path dir;
    private static S3MockServer s3;
    private static RecordedCloudFrontFake cloudFront;
    private static int runs;

    @BeforeAll
    static void publishTwoVersions() throws Exception {
        s3 = S3MockServer.start("yanks", "deprecations", "refusals");
        cloudFront = RecordedCloudFrontFake.start();
        System.setProperty("aws.accessKeyId", S3MockServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3MockServer.SECRET_KEY);
        for (String bucket : List.of("yanks", "deprecations", "refusals")) {
            for (String version : List.of("1.0.0", "1.1.0")) {
                Path chart = Files.createDirectories(dir.resolve(bucket + "-" + version)).resolve("demo-" + version + ".tgz");
                Files.write(chart, TestCharts.packageOf("demo", version));
                CliRun publish = CliRun.of("publish", "--bucket", bucket, "--endpoint", s3.endpoint().toString(), "--path-style",
                        "--region", S3MockServer.REGION.id(), "--repo-url", "https://charts.kube9.io", chart.toString());
                assertEquals(0, publish.exitCode(), publish.err());
            }
        }
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (cloudFront != null) {
            cloudFront.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** A dispatch of chart-lifecycle.yml with these inputs, by octocat, against {@code bucket}. */
    private static CiScriptRun dispatch(String bucket, String action, String version, String reason) {
        return new CiScriptRun("chart-lifecycle.sh", dir.resolve("run-" + ++runs), TestTools.helm3())
                .env("LIFECYCLE_ACTION", action)
                .env("CHART", "demo")
                .env("VERSION", version)
                .env("REASON", reason)
                .env("DRY_RUN", "false")
                .env("CHART_BUCKET", bucket)
                .env("CLOUDFRONT_DISTRIBUTION_ID", DISTRIBUTION)
                .env("CHART_REPOSITORY_URL", "https://charts.kube9.io")
                .env("S3_ENDPOINT", s3.endpoint().toString())
                .env("CLOUDFRONT_ENDPOINT", cloudFront.endpoint().toString())
                .env("GITHUB_ACTOR", "octocat")
                .env("GITHUB_SERVER_URL", "https://github.com")
                .env("GITHUB_REPOSITORY", "alto9/kube9-charts")
                .env("GITHUB_RUN_ID", "4242");
    }

    private static String object(String bucket, String key) {
        return s3.client().getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String();
    }

    private static List<String> versions(String bucket) throws Exception {
        return JSON.readTree(object(bucket, "index.yaml")).path("entries").path("demo").findValuesAsText("version");
    }

    @Test
    void yankPullsTheVersionBackWithTheReasonAndTheActorAndUnyankRestoresIt() throws Exception {
        String reason = "breaks upgrades from 1.0 | see alto9/kube9-operator#42";
        String indexBefore = object("yanks", "index.yaml");
        CiScriptRun dryRun = dispatch("yanks", "yank", "1.1.0", reason).env("DRY_RUN", "true");
        assertEquals(0, dryRun.run().exitCode());
        assertTrue(dryRun.read("github-step-summary").contains("| Changed | nothing (dry run) |"), dryRun.read("github-step-summary"));
        assertEquals(indexBefore, object("yanks", "index.yaml"));

        CiScriptRun yank = dispatch("yanks", "yank", "1.1.0", reason);
        CiScriptRun.Result yanked = yank.run();

        assertEquals(0, yanked.exitCode(), yanked.output());
        assertEquals(List.of("1.0.0"), versions("yanks"));
        JsonNode record = JSON.readTree(object("yanks", "lifecycle.json")).path("yanked").path("demo").path("1.1.0");
        assertEquals(reason, record.path("reason").asText(), record.toString());
        assertEquals("octocat", record.path("actor").asText(), record.toString());
        assertEquals("https://github.com/alto9/kube9-charts/actions/runs/4242", record.path("runUrl").asText(), record.toString());
        String summary = yank.read("github-step-summary");
        assertTrue(summary.contains("## yank demo 1.1.0\n"), summary);
        assertTrue(summary.contains("| Reason | breaks upgrades from 1.0 \\| see alto9/kube9-operator#42 |"), summary);
        assertTrue(summary.contains("| Requested by | octocat |"), summary);
        assertTrue(summary.contains("| Run | https://github.com/alto9/kube9-charts/actions/runs/4242 |"), summary);
        assertTrue(summary.contains("| Changed | yes |"), summary);
        List<RecordedCloudFrontFake.Invalidation> invalidations = cloudFront.invalidations(DISTRIBUTION);
        assertTrue(summary.contains("| CloudFront invalidation | " + invalidations.get(invalidations.size() - 1).id() + " |"), summary);

        CiScriptRun unyank = dispatch("yanks", "unyank", "1.1.0", "");
        assertEquals(0, unyank.run().exitCode());
        assertEquals(List.of("1.1.0", "1.0.0"), versions("yanks"));
        assertEquals(Sha256.hex(TestCharts.packageOf("demo", "1.1.0")),
                JSON.readTree(object("yanks", "index.yaml")).path("entries").path("demo").get(0).path("digest").asText());
        assertTrue(unyank.read("github-step-summary").contains("## unyank demo 1.1.0\n"), unyank.read("github-step-summary"));
    }

    @Test
    void deprecateMarksEveryVersionWithTheMessageAndUndeprecateRemovesTheMarks() throws Exception {
        CiScriptRun deprecate = dispatch("deprecations", "deprecate", "", "use kube9-operator instead")
                .env("OCI_REPOSITORY", "oci://public.ecr.aws/kube9/charts");
        assertEquals(0, deprecate.run().exitCode());
        assertTrue(object("deprecations", "index.html").contains("helm install demo oci://public.ecr.aws/kube9/charts/demo --version 1.1.0"),
                "the variable OCI_REPOSITORY keeps the page's oci:// install command");
        JsonNode entries = JSON.readTree(object("deprecations", "index.yaml")).path("entries").path("demo");
        assertEquals(List.of(true, true), List.of(entries.get(0).path("deprecated").asBoolean(), entries.get(1).path("deprecated").asBoolean()));
        assertTrue(object("deprecations", "lifecycle.json").contains("use kube9-operator instead"));
        assertTrue(deprecate.read("github-step-summary").contains("| Message | use kube9-operator instead |"),
                deprecate.read("github-step-summary"));

        CiScriptRun undeprecate = dispatch("deprecations", "undeprecate", "", "");
        assertEquals(0, undeprecate.run().exitCode());
        assertFalse(object("deprecations", "index.yaml").contains("deprecated"), object("deprecations", "index.yaml"));
        assertTrue(undeprecate.read("github-step-summary").contains("## undeprecate demo\n"), undeprecate.read("github-step-summary"));
    }

    @Test
    void inputsThatDoNotFitTheActionAreRefusedAndAFailedCommandStillLeavesASummary() {
        String indexBefore = object("refusals", "index.yaml");
        Map<List<String>, String> refusals = Map.of(
                List.of("yank", "1.1.0", ""), "yank needs the input reason: why the version is pulled back, for its users",
                List.of("yank", "", "broken"), "yank needs the input version",
                List.of("unyank", "1.1.0", "because"), "unyank takes no reason",
                List.of("deprecate", "1.1.0", ""), "deprecate applies to every version of demo: leave the input version empty",
                List.of("undeprecate", "", "because"), "undeprecate takes no reason",
                List.of("delete", "1.1.0", ""), "unknown action 'delete': use yank, unyank, deprecate or undeprecate");
        refusals.forEach((inputs, message) -> {
            CiScriptRun.Result result = dispatch("refusals", inputs.get(0), inputs.get(1), inputs.get(2)).run();
            assertEquals(2, result.exitCode(), inputs + ": " + result.output());
            assertTrue(result.output().contains("::error::" + message), inputs + ": " + result.output());
        });

        CiScriptRun missing = dispatch("refusals", "yank", "9.9.9", "broken");
        CiScriptRun.Result result = missing.run();

        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.output().contains("9.9.9"), result.output());
        String summary = missing.read("github-step-summary");
        assertTrue(summary.contains("| Reason | broken |") && summary.contains("| Result | failed (exit 3"), summary);
        assertEquals(indexBefore, object("refusals", "index.yaml"));
    }
}
