package io.kube9.charts.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of reading a registry's answer for a tag (untrusted input): any bytes, with any
 * of the Content-Types a registry may give, are either a manifest whose layers all have a media type and
 * a well-formed digest (and whose chart and provenance digests are among them), or refused with an
 * {@link ChartManifest.InvalidManifestException} that has a message. Nothing else may escape.
 */
class ChartManifestFuzzTest {
    private static final String[] MEDIA_TYPES = {null, "", HelmChartArtifact.MANIFEST_MEDIA_TYPE,
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json",
        HelmChartArtifact.MANIFEST_MEDIA_TYPE + "; charset=utf-8", "text/html"};
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{\"schemaVersion\":2,", "\"config\":", "\"layers\":[", "\"mediaType\":", "\"digest\":",
            "\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"", "\"size\":", "\"annotations\":",
            "\"application/vnd.cncf.helm.config.v1+json\"", "\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\"",
            "\"application/vnd.cncf.helm.chart.provenance.v1.prov\"", "\"application/tar+gzip\"", "}", "]", ",", "null", "2.0"})
    void parsesOrRefuses(byte[] input) {
        String mediaType = input.length == 0 ? null : MEDIA_TYPES[Math.floorMod(input[0], MEDIA_TYPES.length)];
        byte[] content = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        try {
            ChartManifest manifest = ChartManifest.parse(mediaType, content);
            assertFalse(manifest.configMediaType().isEmpty());
            for (ChartManifest.Layer layer : manifest.layers()) {
                assertFalse(layer.mediaType().isEmpty());
                assertTrue(DIGEST.matcher(layer.digest()).matches(), layer.digest());
            }
            manifest.chartDigest().ifPresent(digest -> assertTrue(manifest.layers().stream().anyMatch(l -> l.digest().equals(digest))));
            manifest.provenanceDigest().ifPresent(digest -> assertTrue(manifest.layers().stream().anyMatch(l -> l.digest().equals(digest))));
        } catch (ChartManifest.InvalidManifestException refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank());
        }
    }
}
