package io.kube9.charts.cli;

import io.kube9.charts.publishing.ReindexReport;
import io.kube9.charts.publishing.Reindexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {
            "Rebuilds index.yaml from the chart packages in the bucket (disaster recovery).",
            "Keeps `created` from the current index where it is readable and lists the same bytes; other entries"
                    + " take the package's upload time. Writes with the same compare-and-swap as publish."
        })
final class ReindexCommand extends RepositoryCommand {
    @Option(names = "--dry-run", description = "Show what the rebuilt index would hold; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ReindexReport report = new Reindexer(repository.open(store.open(), repository.settings(), dryRun, output.progress()))
                .reindex(dryRun);
        output.print(report, out -> {
            out.printf("%d packages, %d index entries, %d created dates kept (previous index: %s)%n",
                    report.packages(), report.entries(), report.createdPreserved(), report.previousIndex());
            report.skippedPackages().forEach(reason -> out.println("skipped: " + reason));
            out.println(report.dryRun() ? "dry run: nothing was written"
                    : report.indexWritten() ? "index.yaml: rewritten (attempts: " + report.indexAttempts() + ")"
                    : "index.yaml: already matches the packages; unchanged");
            if (report.invalidationId() != null) {
                out.println("CloudFront invalidation: " + report.invalidationId() + " for " + String.join(" ", report.invalidatedPaths()));
            }
        });
        return ExitCodes.OK;
    }
}
