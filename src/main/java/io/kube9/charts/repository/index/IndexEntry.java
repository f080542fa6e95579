package io.kube9.charts.repository.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One chart version in the index, kept as the JSON object it is so that fields this tool does not
 * know (written by another tool or a newer Helm) survive a merge untouched. The entry takes over the
 * node it is given (copying every entry of a large index on each read costs more than parsing it), so
 * callers hand it a node they do not change afterwards; {@link #fields()} hands out copies.
 */
public record IndexEntry(ObjectNode fields) {
    /** Helm's chart.Metadata fields, the ones {@code helm repo index} copies from Chart.yaml, in its order. */
    static final List<String> METADATA_FIELDS = List.of("name", "home", "sources", "version", "description",
            "keywords", "maintainers", "icon", "apiVersion", "condition", "tags", "appVersion", "deprecated",
            "annotations", "kubeVersion", "dependencies", "type");
    private static final Set<String> STRING_FIELDS = Set.of("name", "home", "version", "description", "icon",
            "apiVersion", "condition", "tags", "appVersion", "kubeVersion", "type");

    /** The entry {@code helm repo index} writes for a chart: its metadata plus urls, created and digest. */
    public static IndexEntry forChart(ObjectNode chartYaml, String url, String digest, Instant created) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String field : METADATA_FIELDS) {
            JsonNode value = chartYaml.get(field);
            if (value != null && STRING_FIELDS.contains(field) && value.isValueNode() && !value.isNull()) {
                // Helm reads `name: false` as the text "false"; as a boolean it would count as empty
                value = JsonNodeFactory.instance.textNode(value.asText());
            }
            if (value == null || value.isNull() || isEmpty(value)) {
                continue;
            }
            fields.set(field, value.deepCopy());
        }
        fields.putArray("urls").add(url);
        fields.put("created", created.toString());
        fields.put("digest", digest);
        return new IndexEntry(fields);
    }

    // Helm's Metadata fields are all omitempty: empty strings, lists and maps and `false` are left out.
    private static boolean isEmpty(JsonNode value) {
        return (value.isTextual() && value.asText().isEmpty())
                || (value.isContainerNode() && value.isEmpty())
                || (value.isBoolean() && !value.asBoolean());
    }

    public String name() {
        return fields.path("name").asText();
    }

    public String version() {
        return fields.path("version").asText();
    }

    public String digest() {
        return fields.path("digest").asText();
    }

    public String created() {
        return fields.path("created").asText();
    }

    /** A text field, or "" when it is absent. */
    public String text(String field) {
        return fields.path(field).asText("");
    }

    public List<String> urls() {
        return fields.path("urls").valueStream().map(JsonNode::asText).toList();
    }

    @Override
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** The node itself, for the codec to serialize without a copy; never to be changed. */
    ObjectNode node() {
        return fields;
    }

    public IndexEntry withCreated(String created) {
        ObjectNode copy = fields.deepCopy();
        copy.put("created", created);
        return new IndexEntry(copy);
    }

    /** Whether the entry says {@code deprecated: true} (Artifact Hub and the landing page mark such versions). */
    public boolean deprecated() {
        return fields.path("deprecated").asBoolean(false);
    }

    /** The entry with {@code deprecated: true}; itself when it has the mark already. */
    public IndexEntry markedDeprecated() {
        if (deprecated()) {
            return this;
        }
        ObjectNode copy = fields();
        copy.put("deprecated", true);
        return new IndexEntry(copy);
    }
}
