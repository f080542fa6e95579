package io.kube9.charts.repository.index;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an index in either format (JSON when it starts with '{', as Helm decides with json.Valid;
 * YAML otherwise, with size, alias and depth limits) and writes it as JSON (compact: one line, the
 * smallest form Helm loads) or YAML.
 */
public final class IndexCodec {
    public static final int MAX_INDEX_BYTES = 256 * 1024 * 1024;
    private static final ObjectMapper JSON_READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_INDEX_BYTES).maxNestingDepth(64).build())
            .build());
    private static final ObjectMapper YAML_READER = SafeYaml.mapper(MAX_INDEX_BYTES);
    private static final ObjectMapper JSON_WRITER = new ObjectMapper();
    private static final ObjectMapper YAML_WRITER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    public ChartIndex read(byte[] content) throws IndexFormatException {
        if (content.length > MAX_INDEX_BYTES) {
            throw new IndexFormatException("it is larger than " + MAX_INDEX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = SafeYaml.readTree(IndexFormat.of(content) == IndexFormat.JSON ? JSON_READER : YAML_READER, content);
        } catch (JacksonException e) {
            throw new IndexFormatException("it is not valid JSON or YAML (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IndexFormatException("it cannot be parsed (" + e.getMessage() + ")");
        }
        if (!(root instanceof ObjectNode document)) {
            throw new IndexFormatException("it is not a mapping with apiVersion and entries");
        }
        String apiVersion = document.path("apiVersion").asText("");
        if (apiVersion.isEmpty()) {
            throw new IndexFormatException("apiVersion is missing (Helm: no API version specified)");
        }
        JsonNode entries = document.path("entries");
        if (!entries.isMissingNode() && !entries.isNull() && !entries.isObject()) {
            throw new IndexFormatException("entries is not a mapping of chart names to version lists");
        }
        Map<String, List<IndexEntry>> charts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> chart : entries.properties()) {
            if (!chart.getValue().isArray()) {
                throw new IndexFormatException("entries." + chart.getKey() + " is not a list of versions");
            }
            List<IndexEntry> versions = new ArrayList<>();
            for (JsonNode version : chart.getValue()) {
                if (!(version instanceof ObjectNode fields)) {
                    throw new IndexFormatException("entries." + chart.getKey() + " holds a version that is not a mapping");
                }
                versions.add(new IndexEntry(fields));
            }
            charts.put(chart.getKey(), versions);
        }
        ObjectNode others = JsonNodeFactory.instance.objectNode();
        document.properties().stream()
                .filter(field -> !List.of("apiVersion", "generated", "entries").contains(field.getKey()))
                .forEach(field -> others.set(field.getKey(), field.getValue()));
        return new ChartIndex(apiVersion, document.path("generated").asText(""), charts, others);
    }

    public byte[] write(ChartIndex index, IndexFormat format) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("apiVersion", index.apiVersion());
        ObjectNode entries = document.putObject("entries");
        index.entries().forEach((name, versions) -> {
            var list = entries.putArray(name);
            versions.forEach(version -> list.add(version.node()));
        });
        document.put("generated", index.generated());
        document.setAll(index.otherFields());
        try {
            byte[] body = (format == IndexFormat.JSON ? JSON_WRITER : YAML_WRITER).writeValueAsBytes(document);
            return format == IndexFormat.JSON ? withNewline(body) : body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withNewline(byte[] body) {
        byte[] result = java.util.Arrays.copyOf(body, body.length + 1);
        result[body.length] = '\n';
        return result;
    }
}
