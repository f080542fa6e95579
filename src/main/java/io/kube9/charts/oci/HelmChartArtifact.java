package io.kube9.charts.oci;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.ChartArchive;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A chart package as the OCI artifact {@code helm push} makes of it (Helm 3.17 and 4.1,
 * {@code pkg/registry}): the config blob is the chart's metadata as Go's {@code json.Marshal} of
 * {@code chart.Metadata} writes it, the chart layer is the {@code .tgz} itself (so its digest is the
 * index digest), a provenance layer holds the {@code .prov} when there is one, and the manifest carries
 * Helm's {@code org.opencontainers.image.*} annotations.
 */
public final class HelmChartArtifact {
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
    public static final String CHART_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    /** What Helm 3.0 to 3.6 pushed; Helm still pulls it. */
    public static final String LEGACY_CHART_LAYER_MEDIA_TYPE = "application/tar+gzip";
    public static final String PROVENANCE_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

    /** Helm's chart.Metadata fields in its struct order, each with its Go type. */
    private static final List<Field> METADATA = List.of(
            Field.text("name"), Field.text("home"), Field.texts("sources"), Field.text("version"), Field.text("description"),
            Field.texts("keywords"), Field.objects("maintainers", List.of(Field.text("name"), Field.text("email"), Field.text("url"))),
            Field.text("icon"), Field.text("apiVersion"), Field.text("condition"), Field.text("tags"), Field.text("appVersion"),
            Field.bool("deprecated"), Field.textMap("annotations"), Field.text("kubeVersion"),
            Field.objects("dependencies", List.of(Field.text("name"), Field.text("version"), Field.text("repository"),
                    Field.text("condition"), Field.texts("tags"), Field.bool("enabled"), Field.any("import-values"), Field.text("alias"))),
            Field.text("type"));
    /** Chart annotations that never override Helm's own (pkg/registry immutableOciAnnotations). */
    private static final List<String> IMMUTABLE_ANNOTATIONS = List.of("org.opencontainers.image.version", "org.opencontainers.image.title");

    /** A blob and how the manifest refers to it ({@code digest} is {@code sha256:<hex>} of {@code content}). */
    public record Blob(String mediaType, byte[] content, String digest) {
        static Blob of(String mediaType, byte[] content) {
            return new Blob(mediaType, content, "sha256:" + Sha256.hex(content));
        }
    }

    private final Blob config;
    private final List<Blob> layers;
    private final byte[] manifest;

    private HelmChartArtifact(Blob config, List<Blob> layers, byte[] manifest) {
        this.config = config;
        this.layers = layers;
        this.manifest = manifest;
    }

    /** @param created the {@code org.opencontainers.image.created} annotation, in seconds as Helm writes it */
    public static HelmChartArtifact of(ChartArchive chart, Instant created) {
        Blob config = Blob.of(CONFIG_MEDIA_TYPE, config(chart.metadata()));
        List<Blob> layers = new ArrayList<>();
        // The package's digest is the hex SHA-256 of its bytes (ChartArchive), so it is not hashed again.
        layers.add(new Blob(CHART_LAYER_MEDIA_TYPE, chart.content(), "sha256:" + chart.digest()));
        chart.provenance().ifPresent(prov -> layers.add(Blob.of(PROVENANCE_LAYER_MEDIA_TYPE, prov)));
        // Helm 4 sorts the layers by digest ("for determinism, similar to how ORAS v1 does it").
        layers.sort(Comparator.comparing(Blob::digest));
        byte[] manifest = GoJson.write(true, json -> {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", 2);
            json.writeFieldName("config");
            descriptor(json, config);
            json.writeArrayFieldStart("layers");
            for (Blob layer : layers) {
                descriptor(json, layer);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> annotation : annotations(chart.metadata(), created).entrySet()) {
                json.writeStringField(annotation.getKey(), annotation.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
        return new HelmChartArtifact(config, List.copyOf(layers), manifest);
    }

    public Blob config() {
        return config;
    }

    /** The chart layer first, then the provenance layer if any (the order they are uploaded in). */
    public List<Blob> layers() {
        return layers.stream().sorted(Comparator.comparing(blob -> !blob.mediaType().equals(CHART_LAYER_MEDIA_TYPE))).toList();
    }

    public byte[] manifest() {
        return manifest.clone();
    }

    public String chartDigest() {
        return layer(CHART_LAYER_MEDIA_TYPE).orElseThrow().digest();
    }

    public Optional<String> provenanceDigest() {
        return layer(PROVENANCE_LAYER_MEDIA_TYPE).map(Blob::digest);
    }

    private Optional<Blob> layer(String mediaType) {
        return layers.stream().filter(blob -> blob.mediaType().equals(mediaType)).findFirst();
    }

    private static void descriptor(JsonGenerator json, Blob blob) throws IOException {
        json.writeStartObject();
        json.writeStringField("mediaType", blob.mediaType());
        json.writeStringField("digest", blob.digest());
        json.writeNumberField("size", blob.content().length);
        json.writeEndObject();
    }

    /** The config blob: {@code json.Marshal(chart.Metadata)}, every field omitempty, map keys sorted. */
    static byte[] config(ObjectNode chartYaml) {
        return GoJson.write(false, json -> writeObject(json, chartYaml, METADATA));
    }

    /** pkg/registry generateOCIAnnotations: Helm's own annotations, then the chart's (except title and version). */
    static Map<String, String> annotations(ObjectNode chartYaml, Instant created) {
        Map<String, String> annotations = new TreeMap<>();
        put(annotations, "org.opencontainers.image.description", text(chartYaml.get("description")));
        put(annotations, "org.opencontainers.image.title", text(chartYaml.get("name")));
        put(annotations, "org.opencontainers.image.version", text(chartYaml.get("version")));
        put(annotations, "org.opencontainers.image.url", text(chartYaml.get("home")));
        put(annotations, "org.opencontainers.image.created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        JsonNode sources = chartYaml.path("sources");
        if (sources.isArray() && !sources.isEmpty()) {
            put(annotations, "org.opencontainers.image.source", text(sources.get(0)));
        }
        JsonNode maintainers = chartYaml.path("maintainers");
        if (maintainers.isArray() && !maintainers.isEmpty()) {
            List<String> authors = new ArrayList<>();
            for (JsonNode maintainer : maintainers) {
                String name = text(maintainer.get("name"));
                String email = text(maintainer.get("email"));
                authors.add(name + (email.isEmpty() ? "" : " (" + email + ")"));
            }
            put(annotations, "org.opencontainers.image.authors", String.join(", ", authors));
        }
        chartYaml.path("annotations").properties().forEach(annotation -> {
            if (!IMMUTABLE_ANNOTATIONS.contains(annotation.getKey())) {
                annotations.put(annotation.getKey(), text(annotation.getValue()));
            }
        });
        return annotations;
    }

    private static void put(Map<String, String> annotations, String key, String value) {
        if (!value.isBlank()) {
            annotations.put(key, value);
        }
    }

    /** A Go string field's value: scalars as their text, anything else (which Helm would refuse to load) empty. */
    private static String text(JsonNode value) {
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
    }

    private enum Kind { TEXT, TEXTS, TEXT_MAP, BOOL, OBJECTS, ANY }

    private record Field(String name, Kind kind, List<Field> fields) {
        static Field text(String name) {
            return new Field(name, Kind.TEXT, List.of());
        }

        static Field texts(String name) {
            return new Field(name, Kind.TEXTS, List.of());
        }

        static Field textMap(String name) {
            return new Field(name, Kind.TEXT_MAP, List.of());
        }

        static Field bool(String name) {
            return new Field(name, Kind.BOOL, List.of());
        }

        static Field objects(String name, List<Field> fields) {
            return new Field(name, Kind.OBJECTS, fields);
        }

        static Field any(String name) {
            return new Field(name, Kind.ANY, List.of());
        }

        /** Go's omitempty: "", false, and empty (or absent) lists and maps are left out. */
        boolean isEmpty(JsonNode value) {
            return switch (kind) {
                case TEXT -> HelmChartArtifact.text(value).isEmpty();
                case BOOL -> value == null || !value.asBoolean(false);
                default -> value == null || !value.isContainerNode() || value.isEmpty();
            };
        }
    }

    private static void writeObject(JsonGenerator json, JsonNode object, List<Field> fields) throws IOException {
        json.writeStartObject();
        for (Field field : fields) {
            JsonNode value = object.get(field.name());
            if (field.isEmpty(value)) {
                continue;
            }
            json.writeFieldName(field.name());
            switch (field.kind()) {
                case TEXT -> json.writeString(text(value));
                case BOOL -> json.writeBoolean(true);
                case TEXTS -> {
                    json.writeStartArray();
                    for (JsonNode item : value) {
                        json.writeString(text(item));
                    }
                    json.writeEndArray();
                }
                case TEXT_MAP -> {
                    json.writeStartObject();
                    for (Map.Entry<String, JsonNode> entry : sorted(value).entrySet()) {
                        json.writeStringField(entry.getKey(), text(entry.getValue()));
                    }
                    json.writeEndObject();
                }
                case OBJECTS -> {
                    json.writeStartArray();
                    for (JsonNode item : value) {
                        if (item.isObject()) {
                            writeObject(json, item, field.fields());
                        } else {
                            json.writeNull();
                        }
                    }
                    json.writeEndArray();
                }
                case ANY -> writeAny(json, value);
            }
        }
        json.writeEndObject();
    }

    /** An interface{} value: objects with their keys sorted, as Go marshals a map. */
    private static void writeAny(JsonGenerator json, JsonNode value) throws IOException {
        if (value.isObject()) {
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> entry : sorted(value).entrySet()) {
                json.writeFieldName(entry.getKey());
                writeAny(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value.isArray()) {
            json.writeStartArray();
            for (JsonNode item : value) {
                writeAny(json, item);
            }
            json.writeEndArray();
        } else if (value.isBoolean()) {
            json.writeBoolean(value.asBoolean());
        } else if (value.isNull()) {
            json.writeNull();
        } else {
            json.writeString(value.asText());
        }
    }

    /** Go marshals a map with its keys sorted. */
    private static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        object.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
