package io.kube9.charts.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.config.ChartHostingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The short human summary printed after synthesis: stacks, resource counts, outputs, files. */
final class SynthSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SynthSummary() {}

    /** The synthesized Terraform JSON of a stack under an output directory. */
    static Path stackFile(Path outdir, String stack) {
        return outdir.resolve("stacks").resolve(stack).resolve("cdk.tf.json");
    }

    static String of(ChartHostingConfig config, Path outdir, List<String> stacks) {
        StringBuilder text = new StringBuilder();
        text.append("Synthesized ").append(stacks.size()).append(stacks.size() == 1 ? " stack" : " stacks")
                .append(" for environment '").append(config.environment()).append("' (").append(config.repositoryUrl())
                .append(") into ").append(outdir).append('\n');
        for (String stack : stacks) {
            Path file = stackFile(outdir, stack);
            JsonNode json = read(file);
            Map<String, Integer> resources = countByType(json.path("resource"));
            int total = resources.values().stream().mapToInt(Integer::intValue).sum();
            text.append("\n  ").append(stack).append("\n    file:         ").append(file).append('\n');
            text.append("    resources:    ").append(total).append(total == 0 ? "" : " (" + describe(resources) + ")").append('\n');
            Map<String, Integer> data = countByType(json.path("data"));
            if (!data.isEmpty()) {
                text.append("    data sources: ").append(describe(data)).append('\n');
            }
            text.append("    outputs:      ").append(String.join(", ", names(json.path("output")))).append('\n');
        }
        Path firstStackDir = stackFile(outdir, stacks.get(0)).getParent();
        text.append("\nNext: terraform -chdir=").append(firstStackDir)
                .append(" init && terraform -chdir=").append(firstStackDir).append(" plan\n");
        return text.toString();
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read synthesized " + file, e);
        }
    }

    private static Map<String, Integer> countByType(JsonNode byType) {
        Map<String, Integer> counts = new TreeMap<>();
        byType.fields().forEachRemaining(type -> counts.put(type.getKey(), type.getValue().size()));
        return counts;
    }

    private static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((type, count) -> parts.add(count == 1 ? type : type + " x" + count));
        return String.join(", ", parts);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
