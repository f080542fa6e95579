package io.kube9.charts.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.testing.OciRegistryServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tag of some charts in an OCI repository, read straight from the registry (never through the
 * code under test), and the invariants of the OCI channel whatever happened to a publish:
 * <ol>
 *   <li>every version the bucket's index lists has its tag, whose chart layer is the indexed package
 *       (digest, and the blob's own bytes) and whose provenance layer is the bucket's {@code .prov} when
 *       the bucket has one;</li>
 *   <li>no tag that existed before holds another chart or provenance now.</li>
 * </ol>
 */
public record OciChannelState(Map<String, Tag> tags) {
    private static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final String PROVENANCE_LAYER = "application/vnd.cncf.helm.chart.provenance.v1.prov";

    /** What one tag holds: its layers' digests ({@code sha256:...}; provenance null when it has none) and the chart's bytes. */
    public record Tag(String chartDigest, String provenanceDigest, byte[] chart) {}

    /** @param path the OCI repository's path, e.g. {@code faults-3} for {@code oci://HOST/faults-3} */
    public static OciChannelState read(OciRegistryServer registry, String path, List<String> charts) {
        Map<String, Tag> tags = new LinkedHashMap<>();
        for (String chart : charts) {
            String repository = path + "/" + chart;
            for (String tag : registry.tags(repository)) {
                JsonNode manifest = registry.manifest(repository, tag).orElseThrow();
                String chartDigest = layer(manifest, CHART_LAYER);
                byte[] bytes = chartDigest == null ? null : registry.blob(repository, chartDigest)
                        .orElseThrow(() -> new AssertionError(repository + ":" + tag + " names chart layer " + chartDigest
                                + ", which is not in the registry"));
                tags.put(chart + ":" + tag, new Tag(chartDigest, layer(manifest, PROVENANCE_LAYER), bytes));
            }
        }
        return new OciChannelState(Map.copyOf(tags));
    }

    private static String layer(JsonNode manifest, String mediaType) {
        for (JsonNode layer : manifest.path("layers")) {
            if (layer.path("mediaType").asText().equals(mediaType)) {
                return layer.path("digest").asText();
            }
        }
        return null;
    }

    /** Invariant 1, against the bucket as it is. */
    public void assertHoldsEveryIndexedVersion(RepositoryState bucket) {
        for (RepositoryState.IndexEntry entry : bucket.entries()) {
            String tag = entry.name() + ":" + entry.version().replace('+', '_');
            Tag held = tags.get(tag);
            if (held == null) {
                throw new AssertionError("the index lists " + entry.name() + " " + entry.version() + " but the registry has no tag "
                        + tag + "; it has " + tags.keySet());
            }
            if (!("sha256:" + entry.digest()).equals(held.chartDigest()) || !RepositoryState.sha256(held.chart()).equals(entry.digest())) {
                throw new AssertionError(tag + " holds chart layer " + held.chartDigest() + " but the index says " + entry.digest());
            }
            byte[] provenance = bucket.objects().get(entry.key() + ".prov");
            if (provenance != null && !("sha256:" + RepositoryState.sha256(provenance)).equals(held.provenanceDigest())) {
                throw new AssertionError(tag + " holds provenance layer " + held.provenanceDigest() + " but the bucket's .prov is sha256:"
                        + RepositoryState.sha256(provenance));
            }
        }
    }

    /** Invariant 2. */
    public void assertNothingChangedFrom(OciChannelState before) {
        before.tags.forEach((tag, held) -> {
            Tag now = tags.get(tag);
            if (now == null) {
                throw new AssertionError(tag + " was in the registry before and is gone now");
            }
            if (!held.chartDigest().equals(now.chartDigest())
                    || (held.provenanceDigest() != null && !held.provenanceDigest().equals(now.provenanceDigest()))) {
                throw new AssertionError(tag + " changed from " + held + " to " + now);
            }
        });
    }

    public void assertInvariants(RepositoryState bucket, OciChannelState before) {
        assertHoldsEveryIndexedVersion(bucket);
        assertNothingChangedFrom(before);
    }
}
