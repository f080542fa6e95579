package io.kube9.charts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DriftReportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DriftReportCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path plan(String json) throws Exception {
        return Files.writeString(dir.resolve("plan.json"), json.replace('\'', '"'));
    }

    @Test
    void driftWritesTheReportAndExitsWithTheFindingsCode() throws Exception {
        Path plan = plan("{'format_version':'1.2','resource_drift':[{'address':'aws_s3_object.x',"
                + "'change':{'actions':['update'],'before':{'etag':'1'},'after':{'etag':'2'}}}]}");
        Path report = dir.resolve("out/report.md");

        assertEquals(DriftReportCommand.FINDINGS, run(plan.toString(), "--output", report.toString()));
        assertEquals("Drift detected: 1 resource changed outside Terraform; no planned changes.", out.toString().strip());
        assertTrue(Files.readString(report).contains("| `etag` | `\"1\"` | `\"2\"` |"));
    }

    @Test
    void cleanPlanPrintsTheReportAndExitsZero() throws Exception {
        Path plan = plan("{'format_version':'1.2','resource_drift':[],'resource_changes':[]}");

        assertEquals(DriftReportCommand.NOTHING_FOUND, run(plan.toString()));
        assertTrue(out.toString().startsWith("# Terraform drift report"), out.toString());
    }

    @Test
    void unreadablePlanNamesTheFileAndFieldAndWritesNothing() throws Exception {
        Path plan = plan("{'resource_drift':[]}");
        Path report = dir.resolve("report.md");

        assertEquals(DriftReportCommand.UNREADABLE_PLAN, run(plan.toString(), "-o", report.toString()));
        assertEquals("drift-report: " + plan + ": not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                + "at top level: missing field 'format_version'", err.toString().strip());
        assertFalse(Files.exists(report));
        assertEquals("", out.toString());
    }

    @Test
    void missingPlanFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertEquals(DriftReportCommand.UNREADABLE_PLAN, run(missing.toString()));
        assertEquals("drift-report: " + missing + ": no such file", err.toString().strip());
    }

    @Test
    void tooSmallMaxValueLengthIsAUsageErrorNamingTheOptionAndWritesNothing() throws Exception {
        Path plan = plan("{'format_version':'1.2','resource_drift':[],'resource_changes':[]}");
        Path report = dir.resolve("report.md");

        CliRun run = CliRun.of("drift-report", plan.toString(), "--max-value-length", "3", "-o", report.toString());

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("--max-value-length must be at least 8, got 3", run.err().lines().findFirst().orElse(""));
        assertFalse(Files.exists(report));
        assertEquals("", run.out());
    }
}
