package io.kube9.charts.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a tag holds, read from the registry's answer (untrusted input): the manifest's config media
 * type and its layers. Only what the publisher compares is kept.
 */
public record ChartManifest(String configMediaType, List<Layer> layers) {
    /** Registries must accept manifests of 4 MiB (OCI distribution spec); anything larger is not one of ours. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    public record Layer(String mediaType, String digest) {}

    /** The manifest of a tag could not be read as an OCI image manifest. */
    public static final class InvalidManifestException extends Exception {
        InvalidManifestException(String message) {
            super(message);
        }
    }

    /**
     * @param mediaType the Content-Type the registry answered with
     * @throws InvalidManifestException naming what is wrong (never the content itself)
     */
    public static ChartManifest parse(String mediaType, byte[] content) throws InvalidManifestException {
        if (content.length > MAX_BYTES) {
            throw new InvalidManifestException("the manifest is " + content.length + " bytes, more than the 4 MiB an OCI manifest may have");
        }
        if (mediaType != null && !mediaType.isBlank() && !isImageManifest(mediaType)) {
            throw new InvalidManifestException("it is a " + mediaType + ", not an OCI image manifest");
        }
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("the manifest is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidManifestException("the manifest cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException("the manifest is not a JSON object");
        }
        if (root.path("schemaVersion").asInt(-1) != 2 || !root.path("schemaVersion").isIntegralNumber()) {
            throw new InvalidManifestException("the manifest's schemaVersion is not 2");
        }
        JsonNode embeddedType = root.get("mediaType");
        if (embeddedType != null && (!embeddedType.isTextual() || !isImageManifest(embeddedType.asText()))) {
            throw new InvalidManifestException("the manifest's mediaType is " + embeddedType + ", not " + HelmChartArtifact.MANIFEST_MEDIA_TYPE);
        }
        Layer config = descriptor(root.get("config"), "config");
        JsonNode layerNodes = root.get("layers");
        if (layerNodes == null || !layerNodes.isArray()) {
            throw new InvalidManifestException("the manifest has no layers list");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerNodes.size(); i++) {
            layers.add(descriptor(layerNodes.get(i), "layers[" + i + "]"));
        }
        return new ChartManifest(config.mediaType(), List.copyOf(layers));
    }

    private static boolean isImageManifest(String mediaType) {
        String type = mediaType.split(";", 2)[0].trim();
        return type.equals(HelmChartArtifact.MANIFEST_MEDIA_TYPE) || type.equals("application/vnd.docker.distribution.manifest.v2+json");
    }

    private static Layer descriptor(JsonNode node, String where) throws InvalidManifestException {
        if (node == null || !node.isObject()) {
            throw new InvalidManifestException("the manifest's " + where + " is not a descriptor object");
        }
        JsonNode mediaType = node.get("mediaType");
        JsonNode digest = node.get("digest");
        if (mediaType == null || !mediaType.isTextual() || mediaType.asText().isEmpty()) {
            throw new InvalidManifestException("the manifest's " + where + " has no mediaType");
        }
        if (digest == null || !digest.isTextual() || !DIGEST.matcher(digest.asText()).matches()) {
            throw new InvalidManifestException("the manifest's " + where + " has no valid digest");
        }
        return new Layer(mediaType.asText(), digest.asText());
    }

    /** Helm's config media type: the tag holds a Helm chart. */
    public boolean isHelmChart() {
        return configMediaType.equals(HelmChartArtifact.CONFIG_MEDIA_TYPE);
    }

    /** The digest of the one chart layer ({@code sha256:<hex>}), or empty when there is none or more than one. */
    public Optional<String> chartDigest() {
        return single(HelmChartArtifact.CHART_LAYER_MEDIA_TYPE, HelmChartArtifact.LEGACY_CHART_LAYER_MEDIA_TYPE);
    }

    public Optional<String> provenanceDigest() {
        return single(HelmChartArtifact.PROVENANCE_LAYER_MEDIA_TYPE, HelmChartArtifact.PROVENANCE_LAYER_MEDIA_TYPE);
    }

    private Optional<String> single(String mediaType, String alternative) {
        List<String> digests = layers.stream()
                .filter(layer -> layer.mediaType().equals(mediaType) || layer.mediaType().equals(alternative))
                .map(Layer::digest).toList();
        return digests.size() == 1 ? Optional.of(digests.get(0)) : Optional.empty();
    }
}
