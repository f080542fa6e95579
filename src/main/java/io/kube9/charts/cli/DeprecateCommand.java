package io.kube9.charts.cli;

import io.kube9.charts.lifecycle.ChartDeprecator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "deprecate", mixinStandardHelpOptions = true,
        description = {
            "Marks every version of CHART `deprecated: true` in index.yaml (Artifact Hub shows it; `helm search repo` still"
                    + " lists the chart, so the landing page marks it) and records it in lifecycle.json, so versions"
                    + " published later are marked too. Installing still works.",
            "With --undo, removes the marks this tool set; a version whose own Chart.yaml says `deprecated: true` keeps"
                    + " its mark. Re-running either is safe."
        })
final class DeprecateCommand extends LifecycleCommand {
    @Parameters(index = "0", paramLabel = "CHART", description = "The chart's name (e.g. kube9-operator).")
    String chart;

    @Option(names = "--message", paramLabel = "TEXT",
            description = "What users should do instead, shown on the landing page (at most 1000 characters), e.g."
                    + " \"use kube9-operator instead\". Given again, it replaces the recorded message.")
    String message;

    @Option(names = "--undo", description = "Undo the deprecation instead.")
    boolean undo;

    @Override
    public Integer call() {
        if (undo && message != null) {
            throw new ParameterException(spec.commandLine(), "give --message or --undo, not both");
        }
        requireText("--message", message, false);
        ChartDeprecator deprecator = new ChartDeprecator(chartRepository(), actor());
        return print(undo ? deprecator.undo(chart, dryRun) : deprecator.deprecate(chart, message, dryRun));
    }
}
