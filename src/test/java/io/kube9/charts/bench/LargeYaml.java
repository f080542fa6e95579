package io.kube9.charts.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/** A YAML reader for whole repository indexes (tens of MB; SnakeYAML's default limit is 3 MB). */
final class LargeYaml {
    private LargeYaml() {}

    static YAMLMapper mapper() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }
}
