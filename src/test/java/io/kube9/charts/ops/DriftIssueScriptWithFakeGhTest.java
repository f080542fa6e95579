package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/drift-issue.sh, the one-open-issue bookkeeping of drift detection. GitHub cannot be
 * reached here, so `gh` is a fake on PATH ({@link FakeGh}) that keeps the open issue in a file and logs every call.
 */
class DriftIssueScriptWithFakeGhTest {
    @TempDir
    Path dir;
    private FakeGh gh;
    private Path report;

    @BeforeEach
    void fakeGh() throws Exception {
        gh = new FakeGh(dir);
        report = Files.writeString(dir.resolve("report.md"), "# Terraform drift report\n\n**Verdict:** Drift detected\n");
    }

    private FakeGh.Run run(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of("scripts/ci/drift-issue.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return gh.run(Path.of("."), Map.of("GITHUB_REPOSITORY", "alto9/kube9-operator", "GITHUB_RUN_ID", "42",
                "GITHUB_SERVER_URL", "https://github.com"), command.toArray(String[]::new));
    }

    private List<String> calls() {
        return gh.calls();
    }

    @Test
    void firstDriftOpensOneLabelledIssueWithTheReportAndTheRunLink() throws Exception {
        assertEquals(0, run("open", report.toString()).exitCode());

        List<String> calls = calls();
        assertEquals(3, calls.size(), calls.toString());
        assertTrue(calls.get(1).startsWith("label create drift"), calls.get(1));
        assertTrue(calls.get(2).startsWith("issue create --title Infrastructure drift detected --label drift --body-file"));
        String body = Files.readString(gh.state("body"));
        assertTrue(body.startsWith("# Terraform drift report"), body);
        assertTrue(body.contains("Last checked by https://github.com/alto9/kube9-operator/actions/runs/42"), body);
    }

    @Test
    void aReportTooLongForAnIssueIsShortenedAndPointsToTheRunSummary() throws Exception {
        Files.writeString(report, "| `x` | `1` | `2` |\n".repeat(5000));

        assertEquals(0, run("open", report.toString()).exitCode());

        String body = Files.readString(gh.state("body"));
        assertTrue(body.length() < 65536, "GitHub's limit: " + body.length());
        assertTrue(body.contains("(Report shortened to 60000 bytes; the full report is in the job summary of the run below.)"));
    }

    @Test
    void lastingDriftUpdatesTheOpenIssueInsteadOfOpeningAnother() throws Exception {
        Files.writeString(gh.state("open"), "7\n");

        FakeGh.Run run = run("open", report.toString());

        assertEquals(0, run.exitCode(), run.output());
        List<String> calls = calls();
        assertTrue(calls.get(1).startsWith("issue edit 7 --body-file"), calls.toString());
        assertTrue(calls.get(2).startsWith("issue comment 7 --body Drift is still present"), calls.toString());
        assertTrue(calls.stream().noneMatch(call -> call.startsWith("issue create")), calls.toString());
    }

    @Test
    void resolvedDriftClosesTheIssueWithAComment() throws Exception {
        Files.writeString(gh.state("open"), "7\n");

        assertEquals(0, run("resolve").exitCode());

        assertEquals("issue close 7 --comment No drift any more (https://github.com/alto9/kube9-operator/actions/runs/42):"
                + " the infrastructure matches the Terraform state.", calls().get(1));
    }

    @Test
    void noDriftAndNoIssueOnlyLooks() throws Exception {
        assertEquals(0, run("resolve").exitCode());
        assertEquals(List.of("issue list --label drift --state open --limit 1 --json number --jq .[0].number // empty"), calls());
    }

    @Test
    void aGithubErrorFailsTheStep() throws Exception {
        Files.writeString(gh.state("fail"), "");

        FakeGh.Run run = run("open", report.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.output().contains("gh: HTTP 401: Bad credentials"), run.output());
    }

    @Test
    void aMissingReportIsNamedAndNothingIsCalled() throws Exception {
        FakeGh.Run run = run("open", dir.resolve("missing.md").toString());

        assertEquals(1, run.exitCode());
        assertEquals("::error::drift report " + dir.resolve("missing.md") + " not found", run.output().strip());
        assertEquals(List.of(), calls());
    }
}
