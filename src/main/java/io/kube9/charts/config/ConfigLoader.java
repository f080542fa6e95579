package io.kube9.charts.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads the chart hosting configuration: the built-in production defaults, with an optional YAML
 * overlay file merged over them key by key, then checked by {@link ConfigValidator}. Anything wrong
 * is reported as a {@link ConfigException} naming the file, the field and the fix.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "io/kube9/charts/config/defaults.yaml";
    public static final String DEFAULTS_SOURCE = "built-in defaults (" + DEFAULTS_RESOURCE + ")";
    /** Sections whose keys are free-form rather than fixed by the defaults. */
    private static final List<String> OPEN_SECTIONS = List.of("tags");
    /** Sections an overlay may remove by setting them to null. */
    private static final List<String> OPTIONAL_SECTIONS = List.of("cutover");
    /** Keys of earlier versions, with where their setting went. */
    private static final Map<String, String> MOVED_KEYS = Map.of("github.releaseTagPattern",
            "has moved: each publishing repository has its own release tag pattern now. Fix: remove it and set 'tags'"
                    + " (e.g. tags: \"v*\") on the entries of publishing.repositories; github.repository is now this hosting"
                    + " project (e.g. alto9/kube9-charts), and the chart repositories are listed in publishing.repositories.");

    private static final ObjectMapper YAML = JsonMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ConfigLoader() {}

    /** The kube9 production configuration. */
    public static ChartHostingConfig defaults() {
        return load(Optional.empty());
    }

    /** The defaults with {@code overlay} merged over them. */
    public static ChartHostingConfig load(Path overlay) {
        return load(Optional.of(overlay));
    }

    public static ChartHostingConfig load(Optional<Path> overlay) {
        ObjectNode merged = readDefaults();
        JsonNode overrides = overlay.map(ConfigLoader::readOverlay).orElse(null);
        String source = overlay.map(Path::toString).orElse(DEFAULTS_SOURCE);
        if (overrides != null) {
            List<String> shapeProblems = new ArrayList<>();
            merge(merged, (ObjectNode) overrides, JsonPointer.empty(), source, shapeProblems);
            if (!shapeProblems.isEmpty()) {
                throw new ConfigException(shapeProblems);
            }
        }
        ChartHostingConfig config = bind(merged, source);
        List<String> problems = ConfigValidator.validate(config).stream()
                .map(v -> v.describe(blame(v, overrides, source)))
                .toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readOverlay(Path file) {
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": the configuration file does not exist. Fix: pass the path of a YAML overlay"
                    + " file, such as config/staging.yaml.");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": is not valid YAML" + yamlError(e) + ". Fix: correct the YAML syntax.");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e + "). Fix: check the path and its permissions.");
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw new ConfigException(file + ": must be a YAML mapping of settings to override. Fix: write keys such as"
                    + " 'environment: staging' (see config/staging.yaml).");
        }
        return tree;
    }

    /** Where and what: SnakeYAML's own problem text is the readable part of its message. */
    private static String yamlError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": " + yaml.getProblem();
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return where + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    /** Deep-merges {@code overrides} into {@code target}, reporting keys the defaults do not know. */
    private static void merge(ObjectNode target, ObjectNode overrides, JsonPointer at, String source, List<String> problems) {
        boolean open = OPEN_SECTIONS.contains(fieldName(at));
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonPointer path = at.appendProperty(entry.getKey());
            JsonNode current = target.get(entry.getKey());
            boolean optional = OPTIONAL_SECTIONS.contains(fieldName(path));
            if (current == null && MOVED_KEYS.containsKey(fieldName(path))) {
                problems.add(source + ": " + fieldName(path) + ": " + MOVED_KEYS.get(fieldName(path)));
            } else if (current == null && !open) {
                problems.add(source + ": " + fieldName(path) + ": unknown key. Fix: remove it or correct its spelling; known keys"
                        + (at.matches() ? "" : " under '" + fieldName(at) + "'") + " are " + knownKeys(target) + ".");
            } else if (current != null && current.isObject() && entry.getValue().isNull() && optional) {
                target.set(entry.getKey(), entry.getValue());
            } else if (current != null && current.isObject() && !entry.getValue().isObject()) {
                problems.add(source + ": " + fieldName(path) + ": must be a mapping, not " + describe(entry.getValue())
                        + ". Fix: override its keys one by one (" + knownKeys((ObjectNode) current) + ")"
                        + (optional ? ", or write '" + fieldName(path) + ": null' to remove it" : "")
                        + ".");
            } else if (current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) entry.getValue(), path, source, problems);
            } else if (current != null && current.path(0).isObject() && entry.getValue().isArray()) {
                checkEntries((ObjectNode) current.get(0), entry.getValue(), fieldName(path), source, problems);
                target.set(entry.getKey(), entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * A list of mappings replaces the default list whole; each entry may use the keys of the default's first entry
     * (missing ones become null, for the validator to report when required).
     */
    private static void checkEntries(ObjectNode template, JsonNode entries, String field, String source, List<String> problems) {
        for (int i = 0; i < entries.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(entries.get(i) instanceof ObjectNode item)) {
                problems.add(source + ": " + at + ": must be a mapping, not " + describe(entries.get(i)) + ". Fix: write the entry"
                        + " as keys " + knownKeys(template) + ", like the default in " + DEFAULTS_RESOURCE + ".");
                continue;
            }
            item.fieldNames().forEachRemaining(key -> {
                if (!template.has(key)) {
                    problems.add(source + ": " + at + "." + key + ": unknown key. Fix: remove it or correct its spelling; known keys"
                            + " of each entry of '" + field + "' are " + knownKeys(template) + ".");
                }
            });
            template.fieldNames().forEachRemaining(key -> {
                if (!item.has(key)) {
                    item.putNull(key);
                }
            });
        }
    }

    private static ChartHostingConfig bind(ObjectNode merged, String source) {
        try {
            return YAML.treeToValue(merged, ChartHostingConfig.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName())
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            throw new ConfigException(source + ": " + field + ": must be " + expected(e.getTargetType())
                    + ". Fix: write the value without quotes or units, like the default in " + DEFAULTS_RESOURCE + ".");
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": cannot be read as configuration: " + e.getOriginalMessage()
                    + ". Fix: compare it with " + DEFAULTS_RESOURCE + ".");
        }
    }

    /** The overlay is blamed when it set the field or one the rule reads; otherwise the defaults are. */
    private static String blame(Violation violation, JsonNode overrides, String source) {
        if (overrides == null) {
            return DEFAULTS_SOURCE;
        }
        List<String> fields = new ArrayList<>(violation.relatedFields());
        fields.add(violation.field());
        boolean overridden = fields.stream().anyMatch(f -> !overrides.at(pointer(f)).isMissingNode());
        return overridden ? source : DEFAULTS_SOURCE;
    }

    /** {@code section.key} to a pointer; split once only, as a tag key may itself contain dots. */
    private static JsonPointer pointer(String field) {
        String[] parts = field.split("\\.", 2);
        JsonPointer section = JsonPointer.empty().appendProperty(parts[0]);
        return parts.length == 1 ? section : section.appendProperty(parts[1]);
    }

    private static String fieldName(JsonPointer pointer) {
        return pointer.toString().replaceFirst("^/", "").replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    private static String knownKeys(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String describe(JsonNode value) {
        return value.isNull() ? "null" : value.isArray() ? "a list" : "the value '" + value.asText() + "'";
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list (such as [a, b])";
        }
        return "a " + type.getSimpleName();
    }
}
