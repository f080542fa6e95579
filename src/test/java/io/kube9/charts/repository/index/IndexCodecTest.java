package io.kube9.charts.repository.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexCodecTest {
    private final IndexCodec codec = new IndexCodec();

    private static final String HELM_YAML = """
            apiVersion: v1
            entries:
              demo:
              - apiVersion: v2
                appVersion: "1.10"
                created: "2024-05-01T10:00:00.123456789+02:00"
                digest: 0f1e
                name: demo
                type: application
                urls:
                - https://charts.kube9.io/demo-1.10.0.tgz
                version: 1.10.0
              - apiVersion: v2
                created: "2024-04-01T10:00:00Z"
                digest: aa11
                name: demo
                urls:
                - https://charts.kube9.io/demo-1.9.0.tgz
                version: 1.9.0
            generated: "2024-05-01T10:00:00Z"
            """;

    private static IndexEntry entry(String name, String version) {
        ObjectNode chart = JsonNodeFactory.instance.objectNode().put("apiVersion", "v2").put("name", name).put("version", version);
        return IndexEntry.forChart(chart, name + "-" + version + ".tgz", "d-" + version, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void readsHelmYamlAndWritesItBackAsJsonAndYamlWithoutLosingAField() throws Exception {
        ChartIndex index = codec.read(HELM_YAML.getBytes(StandardCharsets.UTF_8));
        assertEquals("1.10", index.find("demo", "1.10.0").orElseThrow().fields().path("appVersion").asText());

        for (IndexFormat format : IndexFormat.values()) {
            ChartIndex again = codec.read(codec.write(index, format));
            assertEquals(index, again, format.name());
        }
        assertTrue(new String(codec.write(index, IndexFormat.JSON), StandardCharsets.UTF_8).startsWith("{"));
    }

    @Test
    void mergeAddsNewVersionsNewestFirstBySemVerAndKeepsExistingOnes() throws Exception {
        ChartIndex index = codec.read(HELM_YAML.getBytes(StandardCharsets.UTF_8));
        ChartIndex.Merge merge = index.merge(List.of(entry("demo", "1.9.1"), entry("demo", "2.0.0-rc.1"),
                entry("demo", "not-semver"), entry("other", "0.1.0")));

        assertEquals(List.of("2.0.0-rc.1", "1.10.0", "1.9.1", "1.9.0", "not-semver"),
                merge.index().entries().get("demo").stream().map(IndexEntry::version).toList());
        assertEquals(index.find("demo", "1.9.0"), merge.index().find("demo", "1.9.0"));
        assertEquals(4, merge.added().size());
    }

    @Test
    void mergeComparesVersionsAsExactStringsAndReportsDigestConflicts() throws Exception {
        ChartIndex index = codec.read(HELM_YAML.getBytes(StandardCharsets.UTF_8));
        IndexEntry sameVersionOtherBytes = entry("demo", "1.9.0");
        IndexEntry equalSemVerOtherString = entry("demo", "v1.9.0");

        ChartIndex.Merge merge = index.merge(List.of(sameVersionOtherBytes, equalSemVerOtherString));

        assertEquals(List.of(new ChartIndex.Conflict(index.find("demo", "1.9.0").orElseThrow(), sameVersionOtherBytes)),
                merge.conflicts());
        assertEquals(List.of(equalSemVerOtherString), merge.added());
    }

    @Test
    void indexWithoutApiVersionIsRefused() {
        IndexFormatException failure = assertThrows(IndexFormatException.class,
                () -> codec.read("entries: {}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("apiVersion is missing (Helm: no API version specified)", failure.getMessage());
    }

    @Test
    void entriesThatAreNotListsAreRefused() {
        IndexFormatException failure = assertThrows(IndexFormatException.class,
                () -> codec.read("{\"apiVersion\":\"v1\",\"entries\":{\"demo\":\"1.0.0\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("entries.demo is not a list of versions", failure.getMessage());
    }

    @Test
    void truncatedJsonIsRefused() {
        IndexFormatException failure = assertThrows(IndexFormatException.class,
                () -> codec.read("{\"apiVersion\":\"v1\",\"entries\":{".getBytes(StandardCharsets.UTF_8)));
        assertTrue(failure.getMessage().startsWith("it is not valid JSON or YAML ("), failure.getMessage());
    }

    @Test
    void lenientVersionsParseLikeMasterminds() {
        assertTrue(VersionOrder.isValid("1.2"));
        assertTrue(VersionOrder.isValid("v1.2.3-beta.1+build.5"));
        assertEquals(false, VersionOrder.isValid("1.2.3.4"));
        assertEquals(false, VersionOrder.isValid("latest"));
    }
}
