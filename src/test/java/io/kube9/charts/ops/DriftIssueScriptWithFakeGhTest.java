package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/drift-issue.sh, the one-open-issue bookkeeping of drift detection. GitHub cannot be
 * reached here, so `gh` is a fake on PATH that keeps the open issue in a file and logs every call.
 */
class DriftIssueScriptWithFakeGhTest {
    /** Also the GitHub of RepositoryMonitorScriptWithFakeGhTest. */
    static final String FAKE_GH = """
            #!/usr/bin/env bash
            set -euo pipefail
            echo "$*" >> "$FAKE_GH_DIR/calls"
            [ -f "$FAKE_GH_DIR/fail" ] && { echo "gh: HTTP 401: Bad credentials" >&2; exit 1; }
            case "$1 $2" in
              "issue list") [ -f "$FAKE_GH_DIR/open" ] && cat "$FAKE_GH_DIR/open"; true ;;
              "issue create") echo 7 > "$FAKE_GH_DIR/open"; echo "https://github.com/o/r/issues/7" ;;
              "issue close") rm -f "$FAKE_GH_DIR/open" ;;
              *) ;;
            esac
            for ((i = 1; i <= $#; i++)); do
              if [ "${!i}" = "--body-file" ]; then j=$((i + 1)); cp "${!j}" "$FAKE_GH_DIR/body"; fi
            done
            """;

    @TempDir
    Path dir;
    private Path ghDir;
    private Path report;

    @BeforeEach
    void fakeGh() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("gh"), FAKE_GH);
        Files.setPosixFilePermissions(bin.resolve("gh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ghDir = Files.createDirectories(dir.resolve("gh"));
        report = Files.writeString(dir.resolve("report.md"), "# Terraform drift report\n\n**Verdict:** Drift detected\n");
    }

    private record Run(int exitCode, String output) {}

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("scripts/ci/drift-issue.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_GH_DIR", ghDir.toString());
        builder.environment().put("GITHUB_REPOSITORY", "alto9/kube9-operator");
        builder.environment().put("GITHUB_RUN_ID", "42");
        builder.environment().put("GITHUB_SERVER_URL", "https://github.com");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    private List<String> calls() throws Exception {
        return Files.exists(ghDir.resolve("calls")) ? Files.readAllLines(ghDir.resolve("calls")) : List.of();
    }

    @Test
    void firstDriftOpensOneLabelledIssueWithTheReportAndTheRunLink() throws Exception {
        assertEquals(0, run("open", report.toString()).exitCode());

        List<String> calls = calls();
        assertEquals(3, calls.size(), calls.toString());
        assertTrue(calls.get(1).startsWith("label create drift"), calls.get(1));
        assertTrue(calls.get(2).startsWith("issue create --title Infrastructure drift detected --label drift --body-file"));
        String body = Files.readString(ghDir.resolve("body"));
        assertTrue(body.startsWith("# Terraform drift report"), body);
        assertTrue(body.contains("Last checked by https://github.com/alto9/kube9-operator/actions/runs/42"), body);
    }

    @Test
    void aReportTooLongForAnIssueIsShortenedAndPointsToTheRunSummary() throws Exception {
        Files.writeString(report, "| `x` | `1` | `2` |\n".repeat(5000));

        assertEquals(0, run("open", report.toString()).exitCode());

        String body = Files.readString(ghDir.resolve("body"));
        assertTrue(body.length() < 65536, "GitHub's limit: " + body.length());
        assertTrue(body.contains("(Report shortened to 60000 bytes; the full report is in the job summary of the run below.)"));
    }

    @Test
    void lastingDriftUpdatesTheOpenIssueInsteadOfOpeningAnother() throws Exception {
        Files.writeString(ghDir.resolve("open"), "7\n");

        Run run = run("open", report.toString());

        assertEquals(0, run.exitCode(), run.output());
        List<String> calls = calls();
        assertTrue(calls.get(1).startsWith("issue edit 7 --body-file"), calls.toString());
        assertTrue(calls.get(2).startsWith("issue comment 7 --body Drift is still present"), calls.toString());
        assertTrue(calls.stream().noneMatch(call -> call.startsWith("issue create")), calls.toString());
    }

    @Test
    void resolvedDriftClosesTheIssueWithAComment() throws Exception {
        Files.writeString(ghDir.resolve("open"), "7\n");

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
        Files.writeString(ghDir.resolve("fail"), "");

        Run run = run("open", report.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.output().contains("gh: HTTP 401: Bad credentials"), run.output());
    }

    @Test
    void aMissingReportIsNamedAndNothingIsCalled() throws Exception {
        Run run = run("open", dir.resolve("missing.md").toString());

        assertEquals(1, run.exitCode());
        assertEquals("::error::drift report " + dir.resolve("missing.md") + " not found", run.output().strip());
        assertEquals(List.of(), calls());
    }
}
