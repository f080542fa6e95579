package io.kube9.charts.repository.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decodes a value read by {@link GoYaml} into one of Helm's Go types the way Helm's
 * {@code sigs.k8s.io/yaml.Unmarshal} does: first to JSON, turning numbers and booleans into text where
 * the Go field is a string (with Go's formatting: {@code 1.10} becomes "1.1", {@code yes} "true"), map
 * keys into text, and refusing what JSON cannot hold (NaN, infinities, a null key); then
 * {@code encoding/json} into the typed value: field names matched case-insensitively, the last of
 * several matching keys wins, and a value of the wrong type refuses the whole file. The result is the
 * Go value as JSON (what Helm writes into its index): strings, booleans, lists, objects, JSON numbers
 * for untyped values.
 */
final class HelmYamlTypes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern RFC3339 = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");

    /** A Go type: the kinds Helm's chart files use. */
    record GoType(String name, Kind kind, GoType element, Map<String, GoType> fields) {
        enum Kind { STRING, BOOL, TIME, ANY, SLICE, MAP, STRUCT, POINTER }

        static GoType of(String name, Kind kind) {
            return new GoType(name, kind, null, Map.of());
        }

        static GoType sliceOf(GoType element) {
            return new GoType("[]" + element.name, Kind.SLICE, element, Map.of());
        }

        static GoType pointerTo(GoType element) {
            return new GoType("*" + element.name, Kind.POINTER, element, Map.of());
        }

        static GoType mapOf(GoType element) {
            return new GoType("map[string]" + element.name, Kind.MAP, element, Map.of());
        }

        /** A struct; the fields in declaration order, by their JSON names. */
        static GoType struct(String name, Map<String, GoType> fields) {
            return new GoType(name, Kind.STRUCT, null, fields);
        }
    }

    static final GoType STRING = GoType.of("string", GoType.Kind.STRING);
    static final GoType BOOL = GoType.of("bool", GoType.Kind.BOOL);
    static final GoType ANY = GoType.of("interface {}", GoType.Kind.ANY);
    static final GoType TIME = GoType.of("time.Time", GoType.Kind.TIME);
    static final GoType MAINTAINER = GoType.struct("chart.Maintainer", ordered("name", STRING, "email", STRING, "url", STRING));
    static final GoType DEPENDENCY = GoType.struct("chart.Dependency", ordered("name", STRING, "version", STRING,
            "repository", STRING, "condition", STRING, "tags", GoType.sliceOf(STRING), "enabled", BOOL,
            "import-values", GoType.sliceOf(ANY), "alias", STRING));
    /** Helm's chart.Metadata, the model of Chart.yaml (Helm 3.17 pkg/chart, Helm 4.1 pkg/chart/v2). */
    static final GoType METADATA = GoType.struct("chart.Metadata", ordered("name", STRING, "home", STRING,
            "sources", GoType.sliceOf(STRING), "version", STRING, "description", STRING, "keywords", GoType.sliceOf(STRING),
            "maintainers", GoType.sliceOf(GoType.pointerTo(MAINTAINER)), "icon", STRING, "apiVersion", STRING,
            "condition", STRING, "tags", STRING, "appVersion", STRING, "deprecated", BOOL,
            "annotations", GoType.mapOf(STRING), "kubeVersion", STRING,
            "dependencies", GoType.sliceOf(GoType.pointerTo(DEPENDENCY)), "type", STRING));
    /** What Helm 4 reads first from a chart's Chart.yaml, to choose its loader (pkg/chart/loader chartBase). */
    static final GoType CHART_API_VERSION = GoType.struct("loader.chartBase", ordered("apiVersion", STRING));
    /** Chart.lock and requirements.lock. */
    static final GoType LOCK = GoType.struct("chart.Lock", ordered("generated", TIME, "digest", STRING,
            "dependencies", GoType.sliceOf(GoType.pointerTo(DEPENDENCY))));
    /** values.yaml. */
    static final GoType VALUES = GoType.mapOf(ANY);

    /** A value Helm cannot decode into the type: the field path and what is wrong, as a sentence fragment. */
    static final class TypeProblem extends Exception {
        private final String field;

        TypeProblem(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }

        /** The field's path, e.g. {@code maintainers[0].email}; empty for the whole document. */
        String field() {
            return field;
        }
    }

    private HelmYamlTypes() {}

    private static Map<String, GoType> ordered(Object... namesAndTypes) {
        Map<String, GoType> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put((String) namesAndTypes[i], (GoType) namesAndTypes[i + 1]);
        }
        return fields;
    }

    /**
     * The Go value, as JSON, that {@code yaml.Unmarshal} gives for {@code yaml} into a zero value of
     * {@code type}; {@code null} when it leaves the zero value (the document is empty or null).
     */
    static JsonNode decode(Object yaml, GoType type) throws TypeProblem {
        return new Decoding().value(yaml, type, "");
    }

    /**
     * A struct decoded over one that already holds {@code base}, as encoding/json decodes into an existing
     * value: the fields {@code over} sets replace those of {@code base}, and a map gains their keys.
     */
    static ObjectNode overlay(ObjectNode base, ObjectNode over, GoType struct) {
        ObjectNode result = base.deepCopy();
        over.properties().forEach(field -> {
            if (field.getValue() instanceof ObjectNode map && result.get(field.getKey()) instanceof ObjectNode existing
                    && struct.fields().get(field.getKey()).kind() == GoType.Kind.MAP) {
                existing.setAll(map.deepCopy());
            } else {
                result.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return result;
    }

    private static final class Decoding {
        /** Untyped lists and maps already converted: aliases share them, so a shared value is walked once. */
        private final Map<Object, JsonNode> converted = new IdentityHashMap<>();

        JsonNode value(Object yaml, GoType type, String path) throws TypeProblem {
            if (yaml == null) {
                return null;
            }
            if (yaml instanceof Double d && (d.isNaN() || d.isInfinite()) && type.kind() != GoType.Kind.STRING) {
                throw new TypeProblem(path, "is " + GoNumbers.formatFloat32(d) + ", which Helm cannot convert (JSON has no such number)");
            }
            switch (type.kind()) {
                case STRING -> {
                    return NODES.textNode(asGoString(yaml, type, path));
                }
                case BOOL -> {
                    if (yaml instanceof Boolean b) {
                        return NODES.booleanNode(b);
                    }
                    throw mismatch(yaml, type, path);
                }
                case TIME -> {
                    if (yaml instanceof String text && isRfc3339(text)) {
                        return NODES.textNode(text);
                    }
                    throw new TypeProblem(path, describe(yaml) + " is not an RFC 3339 time such as 2024-01-31T12:00:00Z");
                }
                case ANY -> {
                    return untyped(yaml, path);
                }
                case POINTER -> {
                    return value(yaml, type.element(), path);
                }
                case SLICE -> {
                    if (!(yaml instanceof List<?> list)) {
                        throw mismatch(yaml, type, path);
                    }
                    ArrayNode array = NODES.arrayNode();
                    for (int i = 0; i < list.size(); i++) {
                        JsonNode element = value(list.get(i), type.element(), path + "[" + i + "]");
                        array.add(element != null ? element
                                : type.element().kind() == GoType.Kind.POINTER || type.element().kind() == GoType.Kind.ANY
                                        ? NODES.nullNode() : zero(type.element()));
                    }
                    return array;
                }
                case MAP -> {
                    ObjectNode object = NODES.objectNode();
                    for (Map.Entry<String, Object> entry : jsonObject(yaml, type, path).entrySet()) {
                        String field = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                        JsonNode element = value(entry.getValue(), type.element(), field);
                        object.set(entry.getKey(), element != null ? element
                                : type.element().kind() == GoType.Kind.ANY ? NODES.nullNode() : zero(type.element()));
                    }
                    return object;
                }
                default -> {
                    return struct(yaml, type, path);
                }
            }
        }

        private JsonNode struct(Object yaml, GoType type, String path) throws TypeProblem {
            Map<String, Object> keys = jsonObject(yaml, type, path);
            ObjectNode object = NODES.objectNode();
            // encoding/json reads the keys in the order json.Marshal wrote them (sorted); the last match wins
            List<String> sorted = new ArrayList<>(keys.keySet());
            sorted.sort(HelmYamlTypes::compareUtf8);
            for (String key : sorted) {
                String field = fieldFor(type, key);
                String fieldPath = path.isEmpty() ? (field == null ? key : field) : path + "." + (field == null ? key : field);
                if (field == null) {
                    untyped(keys.get(key), fieldPath);
                    continue;
                }
                JsonNode value = value(keys.get(key), type.fields().get(field), fieldPath);
                if (value != null) {
                    object.set(field, value);
                }
            }
            return object;
        }

        /** The mapping with its keys as sigs.k8s.io/yaml turns them into JSON object keys. */
        private Map<String, Object> jsonObject(Object yaml, GoType type, String path) throws TypeProblem {
            if (!(yaml instanceof Map<?, ?> map)) {
                throw mismatch(yaml, type, path);
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                keys.put(jsonKey(entry.getKey(), path), entry.getValue());
            }
            return keys;
        }

        /** A value of no Go type (interface{}, or a key Helm's struct does not have): as encoding/json reads it. */
        private JsonNode untyped(Object yaml, String path) throws TypeProblem {
            if (yaml == null) {
                return NODES.nullNode();
            }
            if (yaml instanceof String s) {
                return NODES.textNode(s);
            }
            if (yaml instanceof Boolean b) {
                return NODES.booleanNode(b);
            }
            if (yaml instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    throw new TypeProblem(path, "is " + GoNumbers.formatFloat32(d) + ", which Helm cannot convert (JSON has no such number)");
                }
                return number(d);
            }
            if (yaml instanceof Long || yaml instanceof BigInteger) {
                return number(((Number) yaml).doubleValue());
            }
            JsonNode known = converted.get(yaml);
            if (known != null) {
                return known;
            }
            JsonNode result;
            if (yaml instanceof List<?> list) {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < list.size(); i++) {
                    array.add(untyped(list.get(i), path + "[" + i + "]"));
                }
                result = array;
            } else {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, Object> entry : jsonObject(yaml, ANY, path).entrySet()) {
                    object.set(entry.getKey(), untyped(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey()));
                }
                result = object;
            }
            converted.put(yaml, result);
            return result;
        }
    }

    /** encoding/json reads every number into interface{} as a float64 and writes it back in Go's form. */
    private static JsonNode number(double value) {
        String text = GoNumbers.jsonFloat64(value);
        return text.matches("-?\\d+") ? NODES.numberNode(new BigInteger(text)) : NODES.numberNode(value);
    }

    private static JsonNode zero(GoType type) {
        return switch (type.kind()) {
            case STRING, TIME -> NODES.textNode("");
            case BOOL -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private static String asGoString(Object yaml, GoType type, String path) throws TypeProblem {
        if (yaml instanceof String s) {
            return s;
        }
        if (yaml instanceof Boolean b) {
            return b.toString();
        }
        if (yaml instanceof Long || yaml instanceof BigInteger) {
            return yaml.toString();
        }
        if (yaml instanceof Double d) {
            return GoNumbers.formatFloat32(d);
        }
        throw mismatch(yaml, type, path);
    }

    /** sigs.k8s.io/yaml's map keys: text, integers, floats (float32 form) and booleans become JSON keys; others fail. */
    private static String jsonKey(Object key, String path) throws TypeProblem {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Boolean || key instanceof Long) {
            return key.toString();
        }
        if (key instanceof Double d) {
            String text = GoNumbers.formatFloat32(d);
            return switch (text) {
                case "+Inf" -> ".inf";
                case "-Inf" -> "-.inf";
                case "NaN" -> ".nan";
                default -> text;
            };
        }
        throw new TypeProblem(path, "has the mapping key " + (key == null ? "null (~)" : key)
                + ", which Helm cannot convert (a key must be text, a number that fits 64 bits, or a boolean)");
    }

    /** The struct field encoding/json sets for a JSON key: the exact name, else one equal ignoring case. */
    private static String fieldFor(GoType struct, String key) {
        if (struct.fields().containsKey(key)) {
            return key;
        }
        for (String field : struct.fields().keySet()) {
            if (equalFold(field, key)) {
                return field;
            }
        }
        return null;
    }

    private static boolean equalFold(String a, String b) {
        int[] x = a.codePoints().map(c -> Character.toLowerCase(Character.toUpperCase(c))).toArray();
        int[] y = b.codePoints().map(c -> Character.toLowerCase(Character.toUpperCase(c))).toArray();
        return java.util.Arrays.equals(x, y);
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isRfc3339(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static TypeProblem mismatch(Object yaml, GoType type, String path) {
        return new TypeProblem(path, describe(yaml) + ", but Helm reads it as " + expected(type));
    }

    private static String describe(Object yaml) {
        if (yaml instanceof Map) {
            return "is a mapping";
        }
        if (yaml instanceof List) {
            return "is a list";
        }
        if (yaml instanceof Boolean b) {
            return "is the boolean " + b;
        }
        if (yaml instanceof Number) {
            return "is the number " + (yaml instanceof Double d ? GoNumbers.formatFloat32(d) : yaml);
        }
        return "is the text \"" + yaml + "\"";
    }

    private static String expected(GoType type) {
        return switch (type.kind()) {
            case STRING -> "text";
            case BOOL -> "true or false";
            case TIME -> "a time";
            case SLICE -> "a list";
            case MAP -> "a mapping of text values";
            case POINTER, STRUCT -> "a mapping of fields";
            default -> "a value";
        };
    }
}
