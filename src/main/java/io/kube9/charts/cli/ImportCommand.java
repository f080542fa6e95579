package io.kube9.charts.cli;

import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.migration.BucketSource;
import io.kube9.charts.migration.HttpSource;
import io.kube9.charts.migration.ImportReport;
import io.kube9.charts.migration.Importer;
import io.kube9.charts.migration.SourceRepository;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.storage.S3ObjectStore;
import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Copies an existing Helm chart repository into this one (taking over a live repository, docs/cutover.md).",
            "Every package (and .prov) is copied byte for byte, checked against the source index's digest, uploaded"
                    + " create-only, then indexed with compare-and-swap; every entry keeps its fields (created, metadata,"
                    + " fields this tool does not know), only urls point here. Versions this repository already lists with"
                    + " the same digest are skipped, so a re-run writes nothing and a killed run is completed by its re-run.",
            "With --oci-repository, each package (and .prov) is also pushed there as a Helm chart artifact, as publish"
                    + " pushes it (after the package, before the index; a tag holding another chart is a conflict), versions"
                    + " imported earlier included: run it after a plain import to fill the registry.",
            "Exits 4 when an entry could not be imported (missing package, wrong digest, a conflict here; the rest is"
                    + " imported), 5 when the source could not be reached for some (re-run later)."
        })
final class ImportCommand extends RepositoryCommand {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    From from;

    static final class From {
        @Option(names = "--from-url", paramLabel = "URL", required = true,
                description = "The source repository's URL, the one `helm repo add` uses (e.g. https://charts.kube9.io):"
                        + " its index.yaml, then every entry's urls[0], absolute or relative to it.")
        URI url;

        @Option(names = "--from-bucket", paramLabel = "NAME", required = true,
                description = "The source repository's S3 bucket, read with your AWS credentials (s3:GetObject, s3:ListBucket):"
                        + " index.yaml, then the key each entry's URL path names.")
        String bucket;
    }

    @Option(names = "--from-region", paramLabel = "REGION", description = "The source bucket's region (default: from the AWS chain).")
    String fromRegion;

    @Option(names = "--from-endpoint", paramLabel = "URL",
            description = "An S3-compatible endpoint for the source bucket instead of AWS (path-style addressing).")
    URI fromEndpoint;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Packages downloaded and uploaded at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--dry-run", description = "Download and check everything, show what would be imported (and pushed);"
            + " write nothing.")
    boolean dryRun;

    @Mixin
    OciOptions oci;

    @Override
    public Integer call() {
        store.validate();
        if (parallel < 1 || parallel > 64) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--parallel': " + parallel + " (1 to 64)");
        }
        if (from.url != null && (fromRegion != null || fromEndpoint != null)) {
            throw new ParameterException(spec.commandLine(), "--from-region and --from-endpoint go with --from-bucket, not --from-url");
        }
        SourceRepository source = from.url != null ? new HttpSource(from.url, HttpSource.RETRY)
                : new BucketSource(S3ObjectStore.client(fromEndpoint, fromRegion, fromEndpoint != null), from.bucket);
        RepositorySettings settings = oci.apply(repository.settings());
        ImportReport report;
        try (PackageMirror mirror = oci.mirror(settings.retry(), output.progress())) {
            report = new Importer(source, repository.open(store.open(), settings, dryRun, output.progress()), mirror, parallel)
                    .run(dryRun);
        }
        output.print(report, out -> printText(report, out));
        return report.hasProblems() ? ExitCodes.CONFLICT : report.incomplete() ? ExitCodes.TRANSIENT : ExitCodes.OK;
    }

    private static void printText(ImportReport report, PrintWriter out) {
        for (ImportReport.EntryOutcome entry : report.entries()) {
            out.printf("%-17s %s %s%s%n", entry.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    entry.name(), entry.version(), entry.detail() == null ? "" : ": " + entry.detail());
            if (entry.ociStatus() != null) {
                out.printf("%-17s %s %s  %s%n", PublishCommand.ociLabel(entry.ociStatus()), entry.name(), entry.version(),
                        entry.oci());
            }
        }
        out.printf("%d entries in %s: %d imported, %d already here, %d not imported%n", report.entries().size(), report.source(),
                report.count(ImportReport.Status.IMPORTED) + report.count(ImportReport.Status.WOULD_IMPORT),
                report.count(ImportReport.Status.ALREADY_IMPORTED),
                report.entries().stream().filter(e -> e.status().problem() || e.status() == ImportReport.Status.UNREACHABLE).count());
        long pushed = report.entries().stream().filter(e -> e.ociStatus() == UploadStatus.UPLOADED
                || e.ociStatus() == UploadStatus.WOULD_UPLOAD).count();
        if (report.entries().stream().anyMatch(e -> e.ociStatus() != null)) {
            out.printf("OCI: %d %s, %d already there%n", pushed, report.dryRun() ? "to push" : "pushed",
                    report.entries().stream().filter(e -> e.ociStatus() == UploadStatus.ALREADY_PUBLISHED).count());
        }
        if (report.dryRun()) {
            out.println("dry run: nothing was written");
            return;
        }
        out.println(report.indexWritten() ? "index.yaml: added " + report.indexEntriesAdded().size() + " entries (attempts: "
                + report.indexAttempts() + ")" : "index.yaml: unchanged");
        OutputOptions.printRefresh(out, report.landingPageWritten(), report.invalidationId(), report.invalidatedPaths());
    }
}
