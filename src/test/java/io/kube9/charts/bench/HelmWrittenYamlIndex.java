package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The "usual" side's index: the YAML that real {@code helm repo index} writes for the same entries.
 * Packaging 50k charts would take far too long, so helm is asked to merge the synthetic index into an
 * empty chart directory ({@code helm repo index EMPTY --merge synthetic.json}): helm loads every entry
 * and writes the whole index in its own YAML format, exactly as it does when a release is merged.
 */
public final class HelmWrittenYamlIndex {
    private HelmWrittenYamlIndex() {}

    public static byte[] render(Path helm, byte[] indexJson) {
        try {
            Path work = Files.createTempDirectory("bench-helm-index-");
            try {
                Path existing = work.resolve("existing.json");
                Files.write(existing, indexJson);
                Path charts = Files.createDirectory(work.resolve("charts"));
                MeasuredProcess.run(List.of(helm.toString(), "repo", "index", charts.toString(), "--merge",
                        existing.toString()), Map.of(), work);
                byte[] yaml = Files.readAllBytes(charts.resolve("index.yaml"));
                requireSameEntries(indexJson, yaml);
                return yaml;
            } finally {
                TempFiles.deleteRecursively(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Guards the method: helm's YAML must hold exactly the entries it was given, nothing dropped. */
    static void requireSameEntries(byte[] indexJson, byte[] yaml) throws IOException {
        JsonNode given = new ObjectMapper().readTree(indexJson).get("entries");
        JsonNode written = LargeYaml.mapper().readTree(yaml).get("entries");
        var names = given.fieldNames();
        while (names.hasNext()) {
            String chart = names.next();
            if (!given.get(chart).equals(written.get(chart))) {
                throw new IllegalStateException("helm's YAML index differs from the synthetic index for chart " + chart
                        + ":\n given:   " + given.get(chart).get(0) + "\n written: " + written.path(chart).path(0));
            }
        }
        if (given.size() != written.size()) {
            throw new IllegalStateException("helm's YAML index has " + written.size() + " charts, expected " + given.size());
        }
    }
}
