package io.kube9.charts.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.chart.ChartArchive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartManifestTest {
    @Test
    void readsBackTheManifestWeWrite() throws Exception {
        ChartArchive chart = OciTestCharts.chart("demo", "1.0.0", true, "");
        HelmChartArtifact artifact = HelmChartArtifact.of(chart, Instant.EPOCH);

        ChartManifest manifest = ChartManifest.parse(HelmChartArtifact.MANIFEST_MEDIA_TYPE, artifact.manifest());

        assertTrue(manifest.isHelmChart());
        assertEquals(Optional.of("sha256:" + chart.digest()), manifest.chartDigest());
        assertEquals(artifact.provenanceDigest(), manifest.provenanceDigest());
        assertTrue(new String(artifact.manifest(), StandardCharsets.ISO_8859_1).chars().allMatch(c -> c < 0x80),
                "the manifest is ASCII (oras-java sends it in the platform charset)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/vnd.oci.image.index.v1+json|{}|it is a application/vnd.oci.image.index.v1+json, not an OCI image manifest",
        "|not json|the manifest is not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
        "|[]|the manifest is not a JSON object",
        "|{\"schemaVersion\":1}|the manifest's schemaVersion is not 2",
        "|{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:ab\"}}|the manifest has no layers list",
        "|{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"md5 ab\"},\"layers\":[]}|the manifest's config has no valid digest",
        "|{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:ab\"},\"layers\":[7]}|the manifest's layers[0] is not a descriptor object",
    })
    void refusesWhatIsNoImageManifestSayingWhy(String mediaType, String content, String problem) {
        ChartManifest.InvalidManifestException refused = assertThrows(ChartManifest.InvalidManifestException.class,
                () -> ChartManifest.parse(mediaType, content.getBytes(StandardCharsets.UTF_8)));
        assertEquals(problem, refused.getMessage());
    }
}
