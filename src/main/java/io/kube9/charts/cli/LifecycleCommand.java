package io.kube9.charts.cli;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.ledger.LedgerCodec;
import io.kube9.charts.lifecycle.LifecycleReport;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositorySettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What yank, unyank and deprecate share: the repository options, --dry-run, the actor, the summary. */
abstract class LifecycleCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    OutputOptions output;

    /** Only for the landing page these commands re-render (its oci:// install commands); nothing is pushed. */
    @Mixin
    OciRepositoryOption oci;

    @Mixin
    LifecycleExitCodeHelp exitCodes;

    @Option(names = "--dry-run", description = "Read the repository and show what would change; write nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    /**
     * The repository, written without the Artifact Hub file (these commands never change it, and the
     * lifecycle role may write only index.yaml, index.html and lifecycle.json), with the OCI repository the
     * releases push to (pass the same --oci-repository, or the page loses its oci:// commands); in GitHub Actions, the
     * user who ran the workflow and the run's URL go into lifecycle.json.
     */
    ChartRepository chartRepository() {
        RepositorySettings settings = oci.apply(repository.settings()).withArtifactHubRepositoryId(null);
        return repository.open(store.open(), settings, dryRun, output.progress());
    }

    Actor actor() {
        return Actor.fromEnvironment(System.getenv());
    }

    void requireText(String option, String text, boolean required) {
        LedgerCodec.textProblem(text, required).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': it " + problem);
        });
    }

    int print(LifecycleReport report) {
        output.print(report, out -> printText(report, out));
        return ExitCodes.OK;
    }

    private static void printText(LifecycleReport report, PrintWriter out) {
        out.println(report.summary());
        if (report.dryRun()) {
            out.println("dry run: nothing was written");
            return;
        }
        if (report.changed()) {
            out.println(RepositoryLayout.LIFECYCLE_KEY + ": " + (report.ledgerWritten() ? "written" : "already up to date") + "; "
                    + RepositoryLayout.INDEX_KEY + ": " + (report.indexWritten() ? "written (attempts: " + report.indexAttempts() + ")"
                    : "already up to date"));
        }
        OutputOptions.printRefresh(out, report.landingPageWritten(), report.invalidationId(), report.invalidatedPaths());
    }
}
