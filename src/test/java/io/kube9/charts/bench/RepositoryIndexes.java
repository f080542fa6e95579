package io.kube9.charts.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two renderings of each synthetic repository, made once per size and shared by the sections:
 * the JSON our publisher writes and the YAML helm writes.
 */
final class RepositoryIndexes {
    private static final Map<Integer, byte[]> OURS = new ConcurrentHashMap<>();
    private static final Map<Integer, byte[]> HELM_YAML = new ConcurrentHashMap<>();

    private RepositoryIndexes() {}

    static byte[] ours(int versions) {
        return OURS.computeIfAbsent(versions, v -> OurPublisherSide.indexAsPublished(SyntheticRepository.indexJson(v)));
    }

    static byte[] helmYaml(Path helm, int versions) {
        return HELM_YAML.computeIfAbsent(versions, v -> HelmWrittenYamlIndex.render(helm, SyntheticRepository.indexJson(v)));
    }
}
