package io.kube9.charts.repository.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kube9.charts.repository.index.VersionOrder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Helm's {@code Metadata.Validate} (Helm 3.17 pkg/chart and Helm 4.1 pkg/chart/v2) over Chart.yaml as
 * decoded by {@link HelmYamlTypes}: the same text clean-up first (white space becomes a space,
 * unprintable characters go), then the same rules, and the result in the form {@code helm repo index}
 * writes it (Helm's field order, empty fields left out).
 */
final class ChartMetadata {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DEPENDENCY_ALIAS = Pattern.compile("^[a-zA-Z0-9-_]+$");
    private static final Set<String> CHART_TYPES = Set.of("", "application", "library");
    /** Chart API versions Helm 4 installs (pkg/chart/loader: v1, v2 and empty; v3 charts are not installable). */
    private static final Set<String> INSTALLABLE_API_VERSIONS = Set.of("v1", "v2");
    private static final Set<String> SANITIZED = Set.of("name", "description", "home", "icon", "condition", "tags",
            "appVersion", "kubeVersion");
    private static final String REPACKAGE = " and re-package the chart";

    private final String source;
    private final String chartYaml;

    /**
     * @param source    the archive, for messages
     * @param chartYaml the path of this chart's Chart.yaml inside the archive, for messages
     */
    ChartMetadata(String source, String chartYaml) {
        this.source = source;
        this.chartYaml = chartYaml;
    }

    /**
     * Validates a top-level chart (the one published), which must also be installable by both Helm
     * versions and usable as a file name, and returns its index form.
     */
    ObjectNode validatePublished(ObjectNode decoded) {
        String apiVersion = decoded.path("apiVersion").asText("");
        if (apiVersion.isEmpty()) {
            throw refuse("apiVersion", "is missing (Helm: chart.metadata.apiVersion is required)",
                    "Add `apiVersion: v2` to Chart.yaml" + REPACKAGE);
        }
        if (!INSTALLABLE_API_VERSIONS.contains(apiVersion)) {
            throw refuse("apiVersion", "\"" + apiVersion + "\" is not a chart API version Helm 4 installs (Helm 4: invalid chart"
                    + " apiVersion; only v1 and v2 charts install)", "Set `apiVersion: v2`" + REPACKAGE);
        }
        ObjectNode metadata = validate(decoded);
        String name = metadata.path("name").asText();
        if (name.contains("/") || name.contains("\\")) {
            throw refuse("name", "\"" + name + "\" is not usable as a file name (Helm: chart.metadata.name is invalid)",
                    "Use a plain name such as my-chart (lowercase letters, digits and dashes)" + REPACKAGE);
        }
        return metadata;
    }

    /** Helm's Validate for any chart of the tree; returns the index form. */
    ObjectNode validate(ObjectNode decoded) {
        ObjectNode md = decoded.deepCopy();
        SANITIZED.forEach(field -> {
            if (md.get(field) instanceof TextNode text) {
                md.put(field, sanitize(text.asText()));
            }
        });
        sanitizeList(md, "sources");
        sanitizeList(md, "keywords");
        if (md.path("apiVersion").asText("").isEmpty()) {
            throw refuse("apiVersion", "is missing (Helm: chart.metadata.apiVersion is required)", "Add `apiVersion: v2` to Chart.yaml" + REPACKAGE);
        }
        String name = md.path("name").asText("");
        if (name.isEmpty()) {
            throw refuse("name", "is missing (Helm: chart.metadata.name is required)", "Add `name: <chart name>` to Chart.yaml" + REPACKAGE);
        }
        if (name.equals(".") || name.equals("..") || !name.equals(goFileBase(name))) {
            throw refuse("name", "\"" + name + "\" is not usable as a file name (Helm: chart.metadata.name is invalid)",
                    "Use a plain name such as my-chart (lowercase letters, digits and dashes)" + REPACKAGE);
        }
        String version = md.path("version").asText("");
        if (version.isEmpty()) {
            throw refuse("version", "is missing (Helm: chart.metadata.version is required)",
                    "Add `version: <SemVer>` (e.g. 1.0.0) to Chart.yaml" + REPACKAGE);
        }
        if (!VersionOrder.isValid(version)) {
            throw refuse("version", "\"" + version + "\" is not a SemVer version (Helm: chart.metadata.version is invalid)",
                    "Set version to a SemVer 2 version such as 1.2.3" + REPACKAGE);
        }
        String type = md.path("type").asText("");
        if (!CHART_TYPES.contains(type)) {
            throw refuse("type", "\"" + type + "\" is not a chart type (Helm: chart.metadata.type must be application or library)",
                    "Set type to application or library, or remove it," + REPACKAGE);
        }
        ArrayNode maintainers = md.path("maintainers") instanceof ArrayNode list ? list : NODES.arrayNode();
        for (int i = 0; i < maintainers.size(); i++) {
            if (maintainers.get(i).isNull()) {
                throw refuse("maintainers", "entry " + (i + 1) + " is empty (Helm: maintainers must not contain empty or null nodes)",
                        "Remove the empty entry or give it a name" + REPACKAGE);
            }
            sanitizeFields((ObjectNode) maintainers.get(i), "name", "email", "url");
        }
        validateDependencies(md.path("dependencies") instanceof ArrayNode list ? list : NODES.arrayNode());
        return indexForm(md);
    }

    private void validateDependencies(ArrayNode dependencies) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dependencies.size(); i++) {
            if (dependencies.get(i).isNull()) {
                throw refuse("dependencies", "entry " + (i + 1) + " is empty (Helm: dependencies must not contain empty or null nodes)",
                        "Remove the empty entry" + REPACKAGE);
            }
            ObjectNode dependency = (ObjectNode) dependencies.get(i);
            sanitizeFields(dependency, "name", "version", "repository", "condition");
            sanitizeList(dependency, "tags");
            String alias = dependency.path("alias").asText("");
            if (!alias.isEmpty() && !DEPENDENCY_ALIAS.matcher(alias).matches()) {
                throw refuse("dependencies alias", "\"" + alias + "\" is not a valid alias (Helm: dependency alias must contain"
                        + " only letters, digits, - and _)", "Rename the alias" + REPACKAGE);
            }
            String key = alias.isEmpty() ? dependency.path("name").asText("") : alias;
            if (!seen.add(key)) {
                throw refuse("dependencies", "lists more than one dependency with the name or alias \"" + key
                        + "\" (Helm: more than one dependency with name or alias)", "Give each dependency its own alias" + REPACKAGE);
            }
        }
    }

    /** The metadata as helm repo index writes it: Helm's field order, omitempty fields left out when empty. */
    private static ObjectNode indexForm(ObjectNode md) {
        ObjectNode form = NODES.objectNode();
        for (String field : HelmYamlTypes.METADATA.fields().keySet()) {
            JsonNode value = md.get(field);
            if (value == null || isEmpty(value)) {
                continue;
            }
            switch (field) {
                case "maintainers" -> {
                    ArrayNode list = form.putArray(field);
                    value.forEach(maintainer -> list.add(omitEmpty((ObjectNode) maintainer, HelmYamlTypes.MAINTAINER, Set.of())));
                }
                case "dependencies" -> {
                    ArrayNode list = form.putArray(field);
                    // Dependency.name and repository have no omitempty in Helm's JSON tags
                    value.forEach(dependency -> list.add(omitEmpty((ObjectNode) dependency, HelmYamlTypes.DEPENDENCY,
                            Set.of("name", "repository"))));
                }
                case "annotations" -> {
                    ObjectNode sorted = form.putObject(field);
                    new TreeMap<>(toMap(value)).forEach(sorted::set);
                }
                default -> form.set(field, value);
            }
        }
        return form;
    }

    private static ObjectNode omitEmpty(ObjectNode struct, HelmYamlTypes.GoType type, Set<String> always) {
        ObjectNode form = NODES.objectNode();
        for (String field : type.fields().keySet()) {
            JsonNode value = struct.get(field);
            if (value != null && !isEmpty(value)) {
                form.set(field, value);
            } else if (always.contains(field)) {
                form.put(field, value == null ? "" : value.asText(""));
            }
        }
        return form;
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.asText().isEmpty())
                || (value.isContainerNode() && value.isEmpty()) || (value.isBoolean() && !value.asBoolean());
    }

    private static void sanitizeFields(ObjectNode struct, String... fields) {
        for (String field : fields) {
            if (struct.get(field) instanceof TextNode text) {
                struct.put(field, sanitize(text.asText()));
            }
        }
    }

    private static void sanitizeList(ObjectNode struct, String field) {
        if (struct.get(field) instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                list.set(i, NODES.textNode(sanitize(list.get(i).asText(""))));
            }
        }
    }

    /** Helm's sanitizeString: Go's unicode.IsSpace becomes a space, what unicode.IsPrint refuses is dropped. */
    static String sanitize(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isGoSpace(c)) {
                clean.append(' ');
            } else if (isGoPrint(c)) {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString();
    }

    private static boolean isGoSpace(int c) {
        return (c >= '\t' && c <= '\r') || c == ' ' || c == 0x85 || c == 0xA0
                || (c > 0xFF && Character.isSpaceChar(c));
    }

    private static boolean isGoPrint(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.CONNECTOR_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Go's filepath.Base on Linux: trailing slashes dropped, then the last element ("/" for only slashes). */
    private static String goFileBase(String path) {
        String trimmed = path.replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return path.isEmpty() ? "." : "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private ChartValidationException refuse(String field, String problem, String fix) {
        return new ChartValidationException(source, chartYaml + " " + field, problem, fix);
    }
}
