package io.kube9.charts.repository.index;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * YAML readers for untrusted input (an index read from the bucket): bounded size,
 * few aliases ("billion laughs"), bounded nesting, no duplicate keys.
 */
public final class SafeYaml {
    private SafeYaml() {}

    public static ObjectMapper mapper(int maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxCodePoints);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(64);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        return new ObjectMapper(factory);
    }

    /**
     * Reads an index document (chart files are read with Helm's own YAML rules, in publishing.chart) so that
     * it can be written back unchanged, which Jackson's own tree reading does not:
     * <ul>
     *   <li>numbers are kept as the text written: Helm reads the index's numeric scalars into string
     *       fields, and a JSON number where Helm expects a string makes Helm reject the whole index;</li>
     *   <li>aliases are refused: Jackson does not expand them but reads {@code *name} as the text
     *       "name", which would be written back as a wrong value; Helm never writes them;</li>
     *   <li>duplicate keys are refused.</li>
     * </ul>
     * Only the first document of a multi-document stream is read, as {@code ObjectMapper.readTree} does.
     */
    public static JsonNode readTree(ObjectMapper mapper, byte[] content) throws IOException {
        try (JsonParser parser = mapper.createParser(content)) {
            return parser.nextToken() == null ? MissingNode.getInstance() : value(parser);
        }
    }

    private static JsonNode value(JsonParser parser) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new JsonParseException(parser, "uses the YAML alias *" + parser.getText()
                    + ", which is not supported here (write the value out in full)");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (object.has(field)) {
                        throw new JsonParseException(parser, "duplicate key " + field);
                    }
                    parser.nextToken();
                    object.set(field, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> {
                return nodes.textNode(parser.getText());
            }
        }
    }
}
