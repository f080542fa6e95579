package io.kube9.charts.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Structural differences between two JSON trees, one readable line per differing path. */
final class JsonDiff {
    private JsonDiff() {}

    static List<String> between(JsonNode expected, JsonNode actual) {
        List<String> lines = new ArrayList<>();
        walk("", expected, actual, lines);
        return lines;
    }

    private static void walk(String path, JsonNode expected, JsonNode actual, List<String> lines) {
        if (expected == null || actual == null) {
            lines.add(expected == null ? "+ " + path + ": " + actual : "- " + path + ": " + expected);
        } else if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                walk(path + "/" + key, expected.get(key), actual.get(key), lines);
            }
        } else if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext() || a.hasNext(); i++) {
                walk(path + "/" + i, e.hasNext() ? e.next() : null, a.hasNext() ? a.next() : null, lines);
            }
        } else if (!expected.equals(actual)) {
            lines.add("~ " + path + ": " + expected + " -> " + actual);
        }
    }
}
