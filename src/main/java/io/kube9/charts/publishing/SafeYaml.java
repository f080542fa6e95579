package io.kube9.charts.publishing;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
}
