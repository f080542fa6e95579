package io.kube9.charts.repository.chart;

import io.kube9.charts.repository.support.Sha256;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a chart package and refuses what Helm 3.17 or Helm 4.1 refuses to load or install: the
 * archive checks of Helm's loader ({@link ChartTarReader}), every chart of the tree (subcharts in
 * {@code charts/}, directories and archives, recursively) loaded and validated as Helm's
 * {@code LoadFiles} and {@code Metadata.Validate} do ({@link ChartTreeLoader}, {@link ChartMetadata}),
 * Chart.yaml read with Helm's YAML rules and types ({@link GoYaml}, {@link HelmYamlTypes}), the
 * dependencies present as {@code helm install} requires. Memory stays bounded: only the chart files
 * that are parsed and nested archives are kept, within {@link ArchiveLimits}.
 */
public final class ChartArchiveReader {
    public static final long MAX_DECOMPRESSED_CHART_BYTES = ArchiveLimits.MAX_DECOMPRESSED_CHART_BYTES;
    public static final long MAX_DECOMPRESSED_FILE_BYTES = ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES;

    /** Reads {@code file} and the provenance file {@code <file>.prov} beside it, if there is one. */
    public ChartArchive read(Path file) {
        String source = file.getFileName().toString();
        try {
            Path provenance = file.resolveSibling(source + ".prov");
            return read(source, Files.readAllBytes(file),
                    Files.exists(provenance) ? Optional.of(Files.readAllBytes(provenance)) : Optional.empty());
        } catch (NoSuchFileException e) {
            throw new ChartValidationException(source, "file", "does not exist (" + file + ")", "Check the path");
        } catch (AccessDeniedException e) {
            throw new ChartValidationException(source, "file", "cannot be read: permission denied (" + file + ")",
                    "Check the file's permissions");
        } catch (IOException e) {
            throw new ChartValidationException(source, "file", "cannot be read (" + e.getMessage() + ")",
                    "Check the path and its permissions");
        }
    }

    public ChartArchive read(String source, byte[] content, Optional<byte[]> provenance) {
        List<ChartContent.File> files = new ArrayList<>();
        ChartTreeLoader.LoadedChart chart = new ChartTreeLoader(source).loadPackage(content,
                file -> files.add(new ChartContent.File(file.name(), file.mode(), file.sha256(), file.linkTarget())));
        ChartArchive archive = new ChartArchive(source, content, Sha256.hex(content), chart.metadata(), provenance,
                new ChartContent(files));
        provenance.ifPresent(prov -> validateProvenance(archive, prov));
        return archive;
    }

    private static void validateProvenance(ChartArchive archive, byte[] provenance) {
        ProvenanceFile.problem(provenance, archive.packageKey(), archive.digest()).ifPresent(problem -> {
            throw new ChartValidationException(archive.source() + ".prov", "files", problem
                    + ", so `helm pull --verify` would reject the chart",
                    "Sign the exact package you publish (`helm package --sign`) and keep the .prov beside it");
        });
    }
}
