package io.kube9.charts.cli;

import io.kube9.charts.ops.DriftReport;
import io.kube9.charts.ops.DriftReportMarkdown;
import io.kube9.charts.ops.PlanJsonReader;
import io.kube9.charts.ops.TerraformPlan;
import io.kube9.charts.ops.ValueFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drift-report}: {@code terraform show -json PLANFILE} output in, a Markdown report out. */
@Command(name = "drift-report",
        mixinStandardHelpOptions = true,
        description = "Turns `terraform show -json PLANFILE` output into a Markdown report: resources changed outside"
                + " Terraform (resource_drift) with the changed attributes before/after, and planned changes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no drift and no planned changes (report written)",
                "1:the plan JSON could not be read (nothing written)",
                "2:invalid command line",
                "3:drift or planned changes found (report written)"})
public final class DriftReportCommand implements Callable<Integer> {
    public static final int NOTHING_FOUND = 0;
    public static final int UNREADABLE_PLAN = 1;
    public static final int FINDINGS = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN_JSON",
            description = "File with `terraform show -json PLANFILE` output, or - for standard input.")
    String planJson;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the Markdown here (the verdict goes to standard output); default: standard output.")
    Path output;

    @Option(names = "--max-value-length", paramLabel = "N", defaultValue = "" + ValueFormat.DEFAULT_MAX_LENGTH,
            description = "Shorten attribute values longer than N characters (default: ${DEFAULT-VALUE}).")
    int maxValueLength;

    @Override
    public Integer call() {
        if (maxValueLength < ValueFormat.MIN_MAX_LENGTH) {
            throw new ParameterException(spec.commandLine(), "--max-value-length must be at least "
                    + ValueFormat.MIN_MAX_LENGTH + ", got " + maxValueLength);
        }
        TerraformPlan plan;
        try {
            plan = read();
        } catch (PlanJsonReader.InvalidPlanException e) {
            spec.commandLine().getErr().println("drift-report: " + e.getMessage());
            return UNREADABLE_PLAN;
        }
        DriftReport report = DriftReport.of(plan, new ValueFormat(maxValueLength));
        String markdown = DriftReportMarkdown.render(report);
        if (output == null) {
            spec.commandLine().getOut().print(markdown);
        } else {
            write(markdown);
            spec.commandLine().getOut().println(report.verdict());
        }
        spec.commandLine().getOut().flush();
        return report.hasFindings() ? FINDINGS : NOTHING_FOUND;
    }

    private TerraformPlan read() {
        if (planJson.equals("-")) {
            return PlanJsonReader.read(System.in, "standard input");
        }
        Path file = Path.of(planJson);
        if (!Files.isRegularFile(file)) {
            throw new PlanJsonReader.InvalidPlanException(file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return PlanJsonReader.read(in, file.toString());
        } catch (IOException e) {
            throw new PlanJsonReader.InvalidPlanException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private void write(String markdown) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
    }
}
