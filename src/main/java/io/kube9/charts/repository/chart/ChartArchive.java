package io.kube9.charts.repository.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A validated chart package: its bytes, their digest (lowercase hex SHA-256, as in Helm's index), the
 * chart's metadata as Helm indexes it, the provenance file found beside it, if any, and what the
 * package holds apart from its packaging ({@link ChartContent}).
 */
public record ChartArchive(String source, byte[] content, String digest, ObjectNode metadata,
        Optional<byte[]> provenance, ChartContent files) {

    public String name() {
        return metadata.path("name").asText();
    }

    public String version() {
        return metadata.path("version").asText();
    }

    /** The object key Helm's {@code helm package} would name the file: {@code <name>-<version>.tgz}. */
    public String packageKey() {
        return name() + "-" + version() + ".tgz";
    }

    public String provenanceKey() {
        return packageKey() + ".prov";
    }

    /** The same package with another provenance file (or none). */
    public ChartArchive withProvenance(Optional<byte[]> provenanceFile) {
        return new ChartArchive(source, content, digest, metadata, provenanceFile, files);
    }
}
