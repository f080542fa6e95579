package io.kube9.charts.cli;

import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.ChartDirectoryPackager;
import io.kube9.charts.repository.chart.ChartValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
            "Uploads chart packages create-only and adds them to index.yaml with compare-and-swap.",
            "A version already published with the same bytes, or re-packaged with the same files (only tar headers and"
                    + " time stamps differ), is reported and skipped; with other content the run fails and changes nothing."
                    + " A .prov file beside a .tgz is uploaded with it (not for a re-packaged archive: it signs other bytes).",
            "With --oci-repository, each chart is also pushed there (after the packages, before the index), create-only too."
        })
final class PublishCommand extends RepositoryCommand {
    @Parameters(arity = "1..*", paramLabel = "CHART",
            description = "A packaged chart (.tgz from `helm package`, optional .prov beside it) or a chart directory"
                    + " (packaged with the real `helm package`).")
    List<Path> charts;

    @Option(names = "--helm", paramLabel = "PATH", defaultValue = "helm",
            description = "The helm executable used to package chart directories (default: ${DEFAULT-VALUE} on PATH).")
    String helm;

    @Option(names = "--dry-run", description = "Validate and show what would change; write nothing.")
    boolean dryRun;

    @Mixin
    OciOptions oci;

    @Override
    public Integer call() throws IOException {
        store.validate();
        List<ChartArchive> archives = read(charts);
        RepositorySettings settings = oci.apply(repository.settings());
        try (PackageMirror mirror = oci.mirror(settings.retry(), output.progress())) {
            PublishReport report = new Publisher(repository.open(store.open(), settings, dryRun, output.progress()), mirror)
                    .publish(archives, dryRun);
            output.print(report, out -> printText(report, out));
        }
        return ExitCodes.OK;
    }

    private List<ChartArchive> read(List<Path> inputs) throws IOException {
        ChartArchiveReader reader = new ChartArchiveReader();
        List<ChartArchive> archives = new ArrayList<>();
        Path packaged = null;
        try {
            for (Path input : inputs) {
                if (Files.isDirectory(input)) {
                    packaged = packaged != null ? packaged : Files.createTempDirectory("kube9-charts-");
                    Path tgz = new ChartDirectoryPackager(helm).packageChart(input, packaged.resolve(String.valueOf(archives.size())));
                    archives.add(reader.read(tgz));
                } else {
                    archives.add(refuseMisnamed(reader.read(input)));
                }
            }
        } finally {
            deleteRecursively(packaged);
        }
        return archives;
    }

    /** `helm package` names the file after the chart inside; another name usually means the wrong file was given. */
    private static ChartArchive refuseMisnamed(ChartArchive archive) {
        if (!archive.source().equals(archive.packageKey())) {
            throw new ChartValidationException(archive.source(), "file name", "does not match the chart inside ("
                    + archive.name() + " " + archive.version() + ", packaged by helm as " + archive.packageKey() + ")",
                    "Publish the file `helm package` wrote, or rename it to " + archive.packageKey());
        }
        return archive;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (directory == null) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void printText(PublishReport report, PrintWriter out) {
        for (PublishReport.ChartOutcome chart : report.charts()) {
            out.printf("%-18s %s %s  %s%n", label(chart.packageStatus()), chart.name(), chart.version(), chart.url());
            if (chart.offeredDigest() != null) {
                out.printf("%-18s the offered archive (sha256 %s) differs from the published one only in packaging (tar headers,"
                        + " time stamps); the published archive (sha256 %s) stays%n", "", chart.offeredDigest(), chart.digest());
            }
            if (chart.provenanceStatus() != null) {
                out.printf("%-18s %s %s provenance%s%n", label(chart.provenanceStatus()), chart.name(), chart.version(),
                        chart.provenanceStatus() == UploadStatus.NOT_UPLOADED_SIGNS_REPACKAGED_BYTES
                                ? " (it signs the re-packaged archive, not the published one)" : "");
            }
            if (chart.ociStatus() != null) {
                out.printf("%-18s %s %s  %s%n", ociLabel(chart.ociStatus()), chart.name(), chart.version(), chart.oci());
            }
        }
        if (report.dryRun()) {
            out.println(report.indexEntriesAdded().isEmpty() ? "index.yaml: no change"
                    : "index.yaml: would add " + String.join(", ", report.indexEntriesAdded()));
            out.println("dry run: nothing was written");
            return;
        }
        out.println(report.indexWritten()
                ? "index.yaml: added " + String.join(", ", report.indexEntriesAdded()) + " (attempts: " + report.indexAttempts() + ")"
                : "index.yaml: unchanged (every chart already indexed)");
        OutputOptions.printRefresh(out, report.landingPageWritten(), report.invalidationId(), report.invalidatedPaths());
    }

    /** An OCI push's status as publish and import print it: pushed, already published, not pushed or would push. */
    static String ociLabel(UploadStatus status) {
        return label(status).replace("upload", "push");
    }

    private static String label(UploadStatus status) {
        return switch (status) {
            case UPLOADED -> "uploaded";
            case ALREADY_PUBLISHED, ALREADY_PUBLISHED_REPACKAGED -> "already published";
            case NOT_UPLOADED_SIGNS_REPACKAGED_BYTES -> "not uploaded";
            case WOULD_UPLOAD -> "would upload";
        };
    }
}
