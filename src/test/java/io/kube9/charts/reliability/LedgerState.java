package io.kube9.charts.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invariants of the lifecycle ledger ({@code lifecycle.json}) in a {@link RepositoryState}, read
 * with plain Jackson, independent of the code under test:
 * <ol>
 *   <li>the ledger (if present) parses, with schemaVersion 1;</li>
 *   <li>every yanked record's package is in the bucket with the recorded digest (so unyank can restore it);</li>
 *   <li>no entry is lost: every version the index listed or the ledger recorded before is listed or
 *       recorded now, exactly as it was (apart from a deprecation mark, which deprecate may add).</li>
 * </ol>
 */
final class LedgerState {
    static final String LEDGER = "lifecycle.json";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LedgerState() {}

    static void assertInvariants(RepositoryState before, RepositoryState after) {
        after.assertInvariants(before);
        for (Map.Entry<String, ObjectNode> yanked : yankedEntries(after).entrySet()) {
            ObjectNode entry = yanked.getValue();
            String key = new RepositoryState.IndexEntry(entry.path("name").asText(), entry.path("version").asText(),
                    entry.path("digest").asText(), entry.path("urls").path(0).asText()).key();
            byte[] pkg = after.objects().get(key);
            if (pkg == null || !RepositoryState.sha256(pkg).equals(entry.path("digest").asText())) {
                throw new AssertionError(yanked.getKey() + " is yanked, but its package " + key + " is "
                        + (pkg == null ? "missing" : "not the recorded bytes"));
            }
        }
        Map<String, ObjectNode> now = new LinkedHashMap<>(yankedEntries(after));
        now.putAll(indexedEntries(after));
        Map<String, ObjectNode> then = new LinkedHashMap<>(yankedEntries(before));
        then.putAll(indexedEntries(before));
        then.forEach((version, entry) -> {
            ObjectNode kept = now.get(version);
            if (kept == null) {
                throw new AssertionError(version + " was indexed or yanked before and is neither now; index and ledger hold "
                        + now.keySet());
            }
            if (!withoutMark(kept).equals(withoutMark(entry))) {
                throw new AssertionError(version + " changed: was " + entry + ", is " + kept);
            }
        });
    }

    /** The ledger's yanked entries by "name version"; none without a ledger. Fails if it does not parse. */
    static Map<String, ObjectNode> yankedEntries(RepositoryState state) {
        Map<String, ObjectNode> entries = new LinkedHashMap<>();
        byte[] ledger = state.objects().get(LEDGER);
        if (ledger == null) {
            return entries;
        }
        JsonNode root = parse(ledger, LEDGER);
        if (!"1".equals(root.path("schemaVersion").asText())) {
            throw new AssertionError(LEDGER + " has no schemaVersion 1: " + root);
        }
        root.path("yanked").properties().forEach(chart -> chart.getValue().properties().forEach(version ->
                entries.put(chart.getKey() + " " + version.getKey(), (ObjectNode) version.getValue().path("entry"))));
        return entries;
    }

    /** The charts the ledger records as deprecated. */
    static java.util.Set<String> deprecatedCharts(RepositoryState state) {
        byte[] ledger = state.objects().get(LEDGER);
        java.util.Set<String> charts = new java.util.TreeSet<>();
        if (ledger != null) {
            parse(ledger, LEDGER).path("deprecated").properties().forEach(chart -> charts.add(chart.getKey()));
        }
        return charts;
    }

    static Map<String, ObjectNode> indexedEntries(RepositoryState state) {
        Map<String, ObjectNode> entries = new LinkedHashMap<>();
        state.index().ifPresent(index -> parse(index, RepositoryState.INDEX).path("entries").properties().forEach(chart ->
                chart.getValue().forEach(version -> entries.put(chart.getKey() + " " + version.path("version").asText(),
                        (ObjectNode) version))));
        return entries;
    }

    static boolean isMarked(ObjectNode entry) {
        return entry.path("deprecated").asBoolean(false);
    }

    private static ObjectNode withoutMark(ObjectNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove("deprecated");
        return copy;
    }

    private static JsonNode parse(byte[] content, String name) {
        try {
            return YAML.readTree(content);
        } catch (IOException e) {
            throw new AssertionError(name + " does not parse: " + e.getMessage(), e);
        }
    }
}
