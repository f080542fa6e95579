package io.kube9.charts.repository.ledger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.SafeYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code lifecycle.json}. What is read comes from the bucket, so it is untrusted: the
 * size and nesting are bounded, duplicate keys and unknown fields are refused, and every record is
 * checked for what unyank and the landing page rely on (an entry that names its chart and version and
 * has a SHA-256 digest and a URL, a reason, a time, an https run link). Numbers are kept as the text
 * written, as the index codec does, so a restored entry never holds a JSON number where Helm expects a
 * string. Written indented, for people reading it in the bucket.
 */
public final class LedgerCodec {
    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_LEDGER_BYTES = 16 * 1024 * 1024;
    /** The longest reason or message: a sentence or two with a link, not a changelog. */
    public static final int MAX_TEXT_LENGTH = 1000;
    private static final int MAX_LOGIN_LENGTH = 100;
    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_LEDGER_BYTES).maxNestingDepth(64).build())
            .build());
    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();
    private static final Set<String> TOP_LEVEL = Set.of("schemaVersion", "yanked", "deprecated");
    private static final Set<String> YANK_FIELDS = Set.of("reason", "yankedAt", "actor", "runUrl", "entry");
    private static final Set<String> DEPRECATION_FIELDS = Set.of("message", "deprecatedAt", "actor", "runUrl");

    public Ledger read(byte[] content) throws LedgerFormatException {
        if (content.length > MAX_LEDGER_BYTES) {
            throw new LedgerFormatException("it is larger than " + MAX_LEDGER_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = SafeYaml.readTree(READER, content);
        } catch (JacksonException e) {
            throw new LedgerFormatException("it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new LedgerFormatException("it cannot be parsed (" + e.getMessage() + ")");
        }
        requireUnicode(root, "the document");
        ObjectNode document = object(root, "the document");
        onlyFields(document, TOP_LEVEL, "the document");
        if (!String.valueOf(SCHEMA_VERSION).equals(document.path("schemaVersion").asText(""))) {
            throw new LedgerFormatException("schemaVersion: is " + describe(document.get("schemaVersion"))
                    + ", but this tool reads schemaVersion " + SCHEMA_VERSION + " (a newer kube9-charts may have written it)");
        }
        Map<String, Map<String, YankRecord>> yanked = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> chart : optionalObject(document, "yanked").properties()) {
            String chartPath = "yanked[" + quoted(chart.getKey()) + "]";
            Map<String, YankRecord> versions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> version : object(chart.getValue(), chartPath).properties()) {
                String path = chartPath + "[" + quoted(version.getKey()) + "]";
                versions.put(version.getKey(), yankRecord(chart.getKey(), version.getKey(), version.getValue(), path));
            }
            yanked.put(chart.getKey(), versions);
        }
        Map<String, Deprecation> deprecated = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> chart : optionalObject(document, "deprecated").properties()) {
            String path = "deprecated[" + quoted(chart.getKey()) + "]";
            ObjectNode fields = object(chart.getValue(), path);
            onlyFields(fields, DEPRECATION_FIELDS, path);
            deprecated.put(chart.getKey(), new Deprecation(text(fields, "message", path, false),
                    instant(fields, "deprecatedAt", path), actor(fields, path)));
        }
        return new Ledger(yanked, deprecated);
    }

    public byte[] write(Ledger ledger) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode yanked = document.putObject("yanked");
        ledger.yanked().forEach((chart, versions) -> {
            ObjectNode byVersion = yanked.putObject(chart);
            versions.forEach((version, record) -> {
                ObjectNode fields = byVersion.putObject(version);
                fields.put("reason", record.reason());
                fields.put("yankedAt", record.yankedAt().toString());
                putActor(fields, record.actor());
                fields.set("entry", record.entry().fields());
            });
        });
        ObjectNode deprecated = document.putObject("deprecated");
        ledger.deprecated().forEach((chart, deprecation) -> {
            ObjectNode fields = deprecated.putObject(chart);
            fields.put("message", deprecation.message());
            fields.put("deprecatedAt", deprecation.deprecatedAt().toString());
            putActor(fields, deprecation.actor());
        });
        try {
            return (WRITER.writeValueAsString(document) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putActor(ObjectNode fields, Actor actor) {
        if (actor.login() != null) {
            fields.put("actor", actor.login());
        }
        if (actor.runUrl() != null) {
            fields.put("runUrl", actor.runUrl());
        }
    }

    private static YankRecord yankRecord(String chart, String version, JsonNode node, String path) throws LedgerFormatException {
        ObjectNode fields = object(node, path);
        onlyFields(fields, YANK_FIELDS, path);
        ObjectNode entry = object(fields.get("entry"), path + ".entry");
        expect(entry, "name", chart, path);
        expect(entry, "version", version, path);
        if (!Sha256.isHex(entry.path("digest").asText("")) || !entry.path("digest").isTextual()) {
            throw new LedgerFormatException(path + ".entry.digest: is " + describe(entry.get("digest"))
                    + ", not the lowercase hex SHA-256 of the package");
        }
        JsonNode urls = entry.path("urls");
        if (!urls.isArray() || urls.isEmpty() || !urls.get(0).isTextual() || urls.get(0).asText().isEmpty()) {
            throw new LedgerFormatException(path + ".entry.urls: is " + describe(entry.get("urls"))
                    + ", not a list starting with the package URL");
        }
        return new YankRecord(new IndexEntry(entry), text(fields, "reason", path, true), instant(fields, "yankedAt", path),
                actor(fields, path));
    }

    private static void expect(ObjectNode entry, String field, String expected, String path) throws LedgerFormatException {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || !value.asText().equals(expected)) {
            throw new LedgerFormatException(path + ".entry." + field + ": is " + describe(value) + ", but the record is filed under "
                    + quoted(expected));
        }
    }

    private static Actor actor(ObjectNode fields, String path) throws LedgerFormatException {
        String login = fields.has("actor") ? text(fields, "actor", path, true) : null;
        if (login != null && login.length() > MAX_LOGIN_LENGTH) {
            throw new LedgerFormatException(path + ".actor: is longer than " + MAX_LOGIN_LENGTH + " characters");
        }
        String runUrl = fields.has("runUrl") ? text(fields, "runUrl", path, true) : null;
        if (runUrl != null && !Actor.isHttpsUrl(runUrl)) {
            throw new LedgerFormatException(path + ".runUrl: is " + quoted(runUrl) + ", not an absolute https URL");
        }
        return new Actor(login, runUrl);
    }

    private static String text(ObjectNode fields, String field, String path, boolean required) throws LedgerFormatException {
        JsonNode value = fields.get(field);
        if (value == null || !value.isTextual()) {
            throw new LedgerFormatException(path + "." + field + ": is " + describe(value) + ", expected text");
        }
        String text = value.asText();
        Optional<String> problem = textProblem(text, required);
        if (problem.isPresent()) {
            throw new LedgerFormatException(path + "." + field + ": " + problem.get());
        }
        return text;
    }

    /** What is wrong with a reason or message, if anything: the rule for writing is the rule for reading. */
    public static Optional<String> textProblem(String text, boolean required) {
        if (required && (text == null || text.isBlank())) {
            return Optional.of("is empty");
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            return Optional.of("is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return Optional.empty();
    }

    private static Instant instant(ObjectNode fields, String field, String path) throws LedgerFormatException {
        String text = text(fields, field, path, true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new LedgerFormatException(path + "." + field + ": is " + quoted(text)
                    + ", not an RFC 3339 time in UTC such as 2026-11-24T06:00:00Z");
        }
    }

    /** JSON escapes can spell unpaired UTF-16 surrogates, which are no characters: they would not survive a rewrite. */
    private static void requireUnicode(JsonNode node, String path) throws LedgerFormatException {
        if (node.isTextual() && !isUnicode(node.textValue())) {
            throw new LedgerFormatException(path + ": holds an unpaired UTF-16 surrogate (not a Unicode character)");
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String child = path.equals("the document") ? property.getKey() : path + "." + property.getKey();
            if (!isUnicode(property.getKey())) {
                throw new LedgerFormatException(path + ": has a key with an unpaired UTF-16 surrogate (not a Unicode character)");
            }
            requireUnicode(property.getValue(), child);
        }
        for (JsonNode element : node.isArray() ? node : JsonNodeFactory.instance.arrayNode()) {
            requireUnicode(element, path + "[]");
        }
    }

    private static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode object(JsonNode node, String path) throws LedgerFormatException {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new LedgerFormatException(path + ": is " + describe(node) + ", expected a JSON object");
    }

    private static ObjectNode optionalObject(ObjectNode document, String field) throws LedgerFormatException {
        JsonNode node = document.get(field);
        return node == null ? JsonNodeFactory.instance.objectNode() : object(node, field);
    }

    private static void onlyFields(ObjectNode node, Set<String> known, String path) throws LedgerFormatException {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String field = property.getKey();
            if (!known.contains(field)) {
                throw new LedgerFormatException(path + ": has the unknown field " + quoted(field) + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty list" : "a list";
        }
        return value.isNull() ? "null" : value.isBoolean() ? value.asText() : quoted(value.asText());
    }

    /** A value from the file, quoted and escaped as JSON, and shortened: it is untrusted and may be anything. */
    public static String quoted(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return JsonNodeFactory.instance.textNode(shown).toString();
    }
}
