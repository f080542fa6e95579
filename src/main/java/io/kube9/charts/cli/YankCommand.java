package io.kube9.charts.cli;

import io.kube9.charts.lifecycle.VersionYanker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "yank", mixinStandardHelpOptions = true,
        description = {
            "Pulls back a broken release: takes CHART VERSION out of index.yaml, so Helm can no longer install it (not as"
                    + " the latest, not through a --version range, not by its exact version).",
            "Nothing is deleted: the package and its .prov stay in the bucket, and the index entry is kept exactly as it"
                    + " was in lifecycle.json, with the reason, the time and (in GitHub Actions) the actor and run, so"
                    + " `unyank` can restore it. Publishing the version again is refused until then.",
            "Re-running is safe: it finishes an interrupted yank and leaves a yanked version as it is."
        })
final class YankCommand extends LifecycleCommand {
    @Parameters(index = "0", paramLabel = "CHART", description = "The chart's name, as in index.yaml (e.g. kube9-operator).")
    String chart;

    @Parameters(index = "1", paramLabel = "VERSION",
            description = "The exact version, as in index.yaml (compared as text: 1.0 is not 1.0.0).")
    String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why it is pulled back, for the people who used it (shown on the landing page, kept in"
                    + " lifecycle.json; at most 1000 characters), e.g. \"breaks upgrades from 1.1, see #42\".")
    String reason;

    @Override
    public Integer call() {
        requireText("--reason", reason, true);
        return print(new VersionYanker(chartRepository(), actor()).yank(chart, version, reason, dryRun));
    }
}
