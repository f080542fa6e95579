package io.kube9.charts.publishing;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * YAML readers for untrusted input (chart metadata, an index read from the bucket): bounded size,
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
     * Reads a document that must not use YAML aliases. Jackson does not expand an alias: it reads
     * {@code *name} as the text "name", so a Chart.yaml or index using one would be indexed with
     * wrong values (Helm would then fail to load the whole index). Helm never writes aliases.
     */
    public static JsonNode readTreeWithoutAliases(ObjectMapper mapper, byte[] content) throws IOException {
        try (JsonParser parser = mapper.createParser(content)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new JsonParseException(parser, "uses the YAML alias *" + parser.getText()
                            + ", which is not supported here (write the value out in full)");
                }
            }
        }
        return mapper.readTree(content);
    }
}
