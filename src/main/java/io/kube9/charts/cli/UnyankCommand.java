package io.kube9.charts.cli;

import io.kube9.charts.lifecycle.VersionYanker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "unyank", mixinStandardHelpOptions = true,
        description = {
            "Restores a yanked version: puts its index entry back into index.yaml exactly as it was (same digest, same"
                    + " created date, every field) and removes its record from lifecycle.json. Helm resolves it again after"
                    + " `helm repo update`.",
            "Refused when its package is no longer in the bucket with the recorded digest. Re-running is safe."
        })
final class UnyankCommand extends LifecycleCommand {
    @Parameters(index = "0", paramLabel = "CHART", description = "The chart's name (e.g. kube9-operator).")
    String chart;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The exact version that was yanked.")
    String version;

    @Override
    public Integer call() {
        return print(new VersionYanker(chartRepository(), actor()).unyank(chart, version, dryRun));
    }
}
