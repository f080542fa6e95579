package io.kube9.charts.cli;

import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.migration.IndexComparison;
import io.kube9.charts.migration.LiveIndex;
import io.kube9.charts.repository.support.Progress;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kube9.charts.repository.storage.S3ObjectStore;
import io.kube9.charts.verification.ReplicaCheck;
import io.kube9.charts.verification.ReplicaReport;
import io.kube9.charts.verification.VerifyReport;
import io.kube9.charts.verification.Verifier;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Checks a live repository: every index entry's package exists with the indexed digest, every package is"
                    + " indexed, and headers are right; with --public-url, also what Helm gets over HTTP; with"
                    + " --oci-repository, that every indexed version's tag holds the same chart (and .prov); with --replica, that the"
                    + " replica bucket holds every object of the bucket with the same bytes and headers.",
            "Exits 4 when it finds a problem."
        })
final class VerifyCommand extends RepositoryCommand {
    @Option(names = "--public-url", paramLabel = "URL",
            description = "Also fetch the index and every package over HTTP from this URL (e.g. https://charts.kube9.io).")
    URI publicUrl;

    @Option(names = "--against", paramLabel = "URL",
            description = "Also compare with the repository served at URL (e.g. the live one before a cutover): every version"
                    + " it lists must be here with the same digest and created date (docs/cutover.md).")
    URI against;

    @Option(names = "--replica", paramLabel = "BUCKET",
            description = "Also compare with this replica bucket (the CDN's failover origin): every object of the bucket must"
                    + " be there with the same size, content and headers; objects only in the replica are listed.")
    String replica;

    @Option(names = "--replica-region", paramLabel = "REGION", description = "The replica bucket's region (default: from the AWS chain).")
    String replicaRegion;

    @Option(names = "--replica-endpoint", paramLabel = "URL",
            description = "An S3-compatible endpoint for the replica instead of AWS (addressed as --path-style says).")
    URI replicaEndpoint;

    /** The JSON output with --against or --replica: every check that ran. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WithComparison(VerifyReport repository, IndexComparison against, ReplicaReport replica) {}

    @Mixin
    OciOptions oci;

    @Override
    public Integer call() {
        Progress progress = output.progress();
        var opened = store.open();
        VerifyReport report;
        RepositorySettings settings = oci.apply(repository.settings());
        try (PackageMirror mirror = oci.mirror(settings.retry(), progress)) {
            report = new Verifier(repository.open(opened, settings, true, progress), mirror).verify(Optional.ofNullable(publicUrl));
        }
        // Against the index verify read; one that could not be read is among the verify problems, with nothing to compare.
        IndexComparison comparison = against == null ? null
                : report.index().map(index -> LiveIndex.compare(against, opened.describe(), index)).orElse(null);
        ReplicaReport replicaReport = replica == null ? null : new ReplicaCheck(opened,
                S3ObjectStore.connect(replica, replicaEndpoint, replicaRegion, store.pathStyle), progress).check();
        output.print(comparison == null && replicaReport == null ? report : new WithComparison(report, comparison, replicaReport), out -> {
            out.printf("%s: %d index entries, %d packages%n", report.repository(), report.entries(), report.packages());
            report.problems().forEach(problem -> out.println("problem: " + problem));
            out.println(report.ok() ? "ok" : report.problems().size() + " problem(s)");
            if (comparison != null) {
                comparison.lines().forEach(out::println);
            }
            if (replicaReport != null) {
                replicaReport.lines().forEach(out::println);
            }
        });
        return report.ok() && (comparison == null || comparison.ok()) && (replicaReport == null || replicaReport.ok())
                ? ExitCodes.OK : ExitCodes.CONFLICT;
    }
}
