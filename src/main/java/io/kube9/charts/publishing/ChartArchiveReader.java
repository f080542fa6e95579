package io.kube9.charts.publishing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.publishing.index.VersionOrder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a chart package and refuses what Helm's archive loader refuses (pkg/chart/loader/archive.go
 * and Metadata.Validate, Helm 3.17): not gzip, not tar, files outside a single top-level directory,
 * absolute, {@code ..} or drive-letter paths, more than 100 MiB decompressed or 5 MiB in one file,
 * no or invalid {@code Chart.yaml}. Links pointing outside the chart are refused too. Memory stays
 * bounded: only {@code Chart.yaml} and {@code values.yaml} are kept while the rest is counted.
 */
public final class ChartArchiveReader {
    public static final long MAX_DECOMPRESSED_CHART_BYTES = 100L * 1024 * 1024;
    public static final long MAX_DECOMPRESSED_FILE_BYTES = 5L * 1024 * 1024;
    private static final Pattern DRIVE_LETTER_PATH = Pattern.compile("^[a-zA-Z]:/");
    private static final Pattern DEPENDENCY_ALIAS = Pattern.compile("^[a-zA-Z0-9-_]+$");
    private static final Set<String> CHART_TYPES = Set.of("", "application", "library");
    private static final String REPACKAGE = "Re-package the chart with `helm package`";
    private static final ObjectMapper YAML = SafeYaml.mapper((int) MAX_DECOMPRESSED_FILE_BYTES);

    /** Reads {@code file} and the provenance file {@code <file>.prov} beside it, if there is one. */
    public ChartArchive read(Path file) {
        String source = file.getFileName().toString();
        try {
            Path provenance = file.resolveSibling(source + ".prov");
            return read(source, Files.readAllBytes(file),
                    Files.exists(provenance) ? Optional.of(Files.readAllBytes(provenance)) : Optional.empty());
        } catch (IOException e) {
            throw new ChartValidationException(source, "file", "cannot be read (" + e + ")",
                    "Check the path and its permissions");
        }
    }

    public ChartArchive read(String source, byte[] content, Optional<byte[]> provenance) {
        if (content.length < 2 || (content[0] & 0xff) != 0x1f || (content[1] & 0xff) != 0x8b) {
            throw new ChartValidationException(source, "archive",
                    "is not a gzip file (it does not start with the gzip magic bytes 1f 8b)",
                    "Publish the .tgz written by `helm package`, or pass the chart directory");
        }
        ArchiveContents contents = readTar(source, content);
        ObjectNode metadata = parseChartYaml(source, contents);
        validateMetadata(source, metadata);
        validateValues(source, contents);
        String digest = Sha256.hex(content);
        ChartArchive archive = new ChartArchive(source, content, digest, metadata, provenance);
        provenance.ifPresent(prov -> validateProvenance(archive, prov));
        return archive;
    }

    private record ArchiveContents(String topDirectory, byte[] chartYaml, byte[] valuesYaml) {}

    private ArchiveContents readTar(String source, byte[] content) {
        String topDirectory = null;
        byte[] chartYaml = null;
        byte[] valuesYaml = null;
        long remaining = MAX_DECOMPRESSED_CHART_BYTES;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(content)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isDirectory() || entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
                    continue;
                }
                String path = chartRelativePath(source, entry.getName());
                String top = topComponent(entry.getName());
                if (topDirectory == null) {
                    topDirectory = top;
                } else if (!topDirectory.equals(top)) {
                    throw new ChartValidationException(source, entry.getName(),
                            "is outside the chart directory " + topDirectory + "/ (the archive has more than one top-level directory)",
                            REPACKAGE + ": a chart archive holds exactly one directory");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    checkLinkTarget(source, entry, path);
                    continue;
                }
                // commons-compress counts every entry that is not a directory as a file, pipes and devices too
                if (!entry.isFile() || entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
                    throw new ChartValidationException(source, entry.getName(), "is not a regular file",
                            REPACKAGE + "; charts contain only files and directories");
                }
                if (entry.getSize() > MAX_DECOMPRESSED_FILE_BYTES) {
                    throw fileTooLarge(source, entry.getName());
                }
                boolean keep = path.equals("Chart.yaml") || path.equals("values.yaml");
                ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
                long size = copyBounded(tar, kept, Math.min(MAX_DECOMPRESSED_FILE_BYTES, remaining));
                if (size > MAX_DECOMPRESSED_FILE_BYTES) {
                    throw fileTooLarge(source, entry.getName());
                }
                if (size > remaining) {
                    throw new ChartValidationException(source, "archive",
                            "decompresses to more than the 100 MiB Helm accepts for a chart",
                            "Remove large files from the chart (add them to .helmignore) and re-package it");
                }
                remaining -= size;
                if (path.equals("Chart.yaml")) {
                    chartYaml = kept.toByteArray();
                } else if (path.equals("values.yaml")) {
                    valuesYaml = kept.toByteArray();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ChartValidationException(source, "archive", "is not a valid gzip-compressed tar archive (" + e.getMessage() + ")",
                    "Publish the .tgz written by `helm package`, or pass the chart directory");
        }
        if (chartYaml == null) {
            throw new ChartValidationException(source, "Chart.yaml", "is missing (Helm: Chart.yaml file is missing)",
                    "Put Chart.yaml in the chart directory" + (topDirectory == null ? "" : " " + topDirectory + "/")
                            + " and re-package the chart");
        }
        return new ArchiveContents(topDirectory, chartYaml, valuesYaml);
    }

    /** Reads the entry into {@code kept} (if not null) and returns its size, stopping once past {@code limit}. */
    private static long copyBounded(InputStream in, ByteArrayOutputStream kept, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return total;
            }
            if (kept != null) {
                kept.write(buffer, 0, read);
            }
        }
        return total;
    }

    private static ChartValidationException fileTooLarge(String source, String entry) {
        return new ChartValidationException(source, entry,
                "decompresses to more than the 5 MiB Helm accepts for one file in a chart",
                "Remove the file from the chart (add it to .helmignore) and re-package it");
    }

    private static String topComponent(String entryName) {
        String delimiter = entryName.contains("\\") ? "\\" : "/";
        int end = entryName.indexOf(delimiter);
        return end < 0 ? entryName : entryName.substring(0, end);
    }

    /** The entry's path inside the chart directory, checked the way Helm's loader checks it. */
    private static String chartRelativePath(String source, String entryName) {
        String delimiter = entryName.contains("\\") ? "\\" : "/";
        String[] parts = entryName.split(Pattern.quote(delimiter), -1);
        String inside = String.join("/", Arrays.copyOfRange(parts, 1, parts.length));
        if (entryName.startsWith(delimiter) || inside.startsWith("/")) {
            throw new ChartValidationException(source, entryName, "is an absolute path (Helm: chart illegally contains absolute paths)",
                    REPACKAGE + "; archives must hold relative paths only");
        }
        if (parts[0].equals("Chart.yaml") && parts.length == 1) {
            throw new ChartValidationException(source, entryName, "is at the archive root, not in the chart directory (Helm: chart yaml not in base directory)",
                    REPACKAGE + ", which puts every file under <chart name>/");
        }
        String clean = inside.isEmpty() ? "" : Path.of(inside).normalize().toString();
        if (clean.isEmpty() || clean.equals(".")) {
            throw new ChartValidationException(source, entryName, "is outside the chart directory (Helm: chart illegally contains content outside the base directory)",
                    REPACKAGE + ", which puts every file under <chart name>/");
        }
        if (clean.startsWith("..")) {
            throw new ChartValidationException(source, entryName, "points into a parent directory (Helm: chart illegally references parent directory)",
                    REPACKAGE + "; archives must not contain .. paths");
        }
        if (DRIVE_LETTER_PATH.matcher(clean).find()) {
            throw new ChartValidationException(source, entryName, "is a drive-letter path (Helm: chart contains illegally named files)",
                    REPACKAGE + " on a system that writes relative paths");
        }
        return clean;
    }

    private static void checkLinkTarget(String source, TarArchiveEntry entry, String path) {
        String target = entry.getLinkName().replace('\\', '/');
        Path parent = entry.isSymbolicLink() ? Path.of(path).getParent() : null;
        String resolved = target.startsWith("/") ? target
                : (parent == null ? Path.of(target) : parent.resolve(target)).normalize().toString();
        if (target.startsWith("/") || resolved.startsWith("..") || DRIVE_LETTER_PATH.matcher(target).find()) {
            throw new ChartValidationException(source, entry.getName(), "is a link to " + entry.getLinkName() + ", outside the chart",
                    REPACKAGE + "; it stores the content of linked files instead of links");
        }
    }

    private static ObjectNode parseChartYaml(String source, ArchiveContents contents) {
        JsonNode node;
        try {
            node = SafeYaml.readTree(YAML, withoutByteOrderMark(contents.chartYaml()));
        } catch (JacksonException e) {
            throw new ChartValidationException(source, "Chart.yaml", "is not valid YAML (" + e.getOriginalMessage() + ")",
                    "Fix the YAML syntax (try `helm lint`) and re-package the chart");
        } catch (IOException e) {
            throw new ChartValidationException(source, "Chart.yaml", "cannot be read (" + e.getMessage() + ")", REPACKAGE);
        }
        if (!(node instanceof ObjectNode metadata)) {
            throw new ChartValidationException(source, "Chart.yaml", "is not a YAML mapping of chart fields",
                    "Write Chart.yaml as `apiVersion: v2`, `name: ...`, `version: ...` and re-package the chart");
        }
        return metadata;
    }

    private static void validateMetadata(String source, ObjectNode metadata) {
        requireText(source, metadata, "apiVersion", "add `apiVersion: v2` to Chart.yaml");
        String name = requireText(source, metadata, "name", "add `name: <chart name>` to Chart.yaml");
        String version = requireText(source, metadata, "version", "add `version: <SemVer>` (e.g. 1.0.0) to Chart.yaml");
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new ChartValidationException(source, "Chart.yaml name",
                    "\"" + name + "\" is not usable as a file name (Helm: chart.metadata.name is invalid)",
                    "Use a plain name such as my-chart (lowercase letters, digits and dashes) and re-package the chart");
        }
        if (!VersionOrder.isValid(version)) {
            throw new ChartValidationException(source, "Chart.yaml version",
                    "\"" + version + "\" is not a SemVer version (Helm: chart.metadata.version is invalid)",
                    "Set version to a SemVer 2 version such as 1.2.3 and re-package the chart");
        }
        String type = metadata.path("type").asText("");
        if (!CHART_TYPES.contains(type)) {
            throw new ChartValidationException(source, "Chart.yaml type",
                    "\"" + type + "\" is not a chart type (Helm: chart.metadata.type must be application or library)",
                    "Set type to application or library, or remove it, and re-package the chart");
        }
        for (JsonNode dependency : metadata.path("dependencies")) {
            String alias = dependency.path("alias").asText("");
            if (!alias.isEmpty() && !DEPENDENCY_ALIAS.matcher(alias).matches()) {
                throw new ChartValidationException(source, "Chart.yaml dependencies alias",
                        "\"" + alias + "\" is not a valid alias (Helm: dependency alias must contain only letters, digits, - and _)",
                        "Rename the alias and re-package the chart");
            }
        }
    }

    private static String requireText(String source, ObjectNode metadata, String field, String fix) {
        JsonNode value = metadata.get(field);
        if (value != null && value.isContainerNode()) {
            throw new ChartValidationException(source, "Chart.yaml " + field,
                    "is a " + (value.isArray() ? "list" : "mapping") + ", not a text value (Helm: chart.metadata." + field
                            + " must be a string)", "Write " + field + " as a single value and re-package the chart");
        }
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()) {
            throw new ChartValidationException(source, "Chart.yaml " + field,
                    "is missing (Helm: chart.metadata." + field + " is required)", fix + " and re-package the chart");
        }
        return value.asText();
    }

    private static void validateValues(String source, ArchiveContents contents) {
        if (contents.valuesYaml() == null) {
            return;
        }
        try {
            YAML.readTree(withoutByteOrderMark(contents.valuesYaml()));
        } catch (IOException e) {
            String problem = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new ChartValidationException(source, "values.yaml", "is not valid YAML (" + problem + ")",
                    "Fix the YAML syntax (try `helm lint`) and re-package the chart");
        }
    }

    private static void validateProvenance(ChartArchive archive, byte[] provenance) {
        String text = new String(provenance, StandardCharsets.UTF_8);
        if (!text.contains(archive.packageKey()) || !text.contains("sha256:" + archive.digest())) {
            throw new ChartValidationException(archive.source() + ".prov", "files",
                    "does not list " + archive.packageKey() + " with sha256:" + archive.digest()
                            + ", so `helm pull --verify` would reject the chart",
                    "Sign the exact package you publish (`helm package --sign`) and keep the .prov beside it");
        }
    }

    private static byte[] withoutByteOrderMark(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            return Arrays.copyOfRange(content, 3, content.length);
        }
        return content;
    }
}
