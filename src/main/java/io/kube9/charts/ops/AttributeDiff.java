package io.kube9.charts.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks the {@code before} and {@code after} values of one resource change down to the attributes
 * that differ. Terraform marks sensitive values and values unknown until apply in parallel trees
 * ({@code before_sensitive}, {@code after_sensitive}, {@code after_unknown}); a {@code true} there
 * covers the whole subtree, so the walk stops and masks it rather than revealing nested keys.
 */
public final class AttributeDiff {
    static final String SENSITIVE = "(sensitive value)";
    static final String UNKNOWN = "(known after apply)";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final ValueFormat format;

    public AttributeDiff(ValueFormat format) {
        this.format = format;
    }

    public List<AttributeChange> changes(ResourceChange.Change change) {
        List<AttributeChange> out = new ArrayList<>();
        walk("", new Side(change.before(), change.beforeSensitive()),
                new Side(change.after(), change.afterSensitive()), orMissing(change.afterUnknown()), out);
        return out;
    }

    private record Side(JsonNode value, JsonNode sensitive) {
        Side {
            value = orMissing(value);
            sensitive = orMissing(sensitive);
        }

        boolean whollySensitive() {
            return sensitive.isBoolean() && sensitive.booleanValue();
        }

        Side child(String key) {
            return new Side(value.path(key), sensitive.path(key));
        }

        Side child(int index) {
            return new Side(value.path(index), sensitive.path(index));
        }
    }

    private void walk(String path, Side before, Side after, JsonNode unknown, List<AttributeChange> out) {
        boolean afterUnknown = unknown.isBoolean() && unknown.booleanValue();
        boolean leaf = afterUnknown || before.whollySensitive() || after.whollySensitive();
        if (!leaf && before.value().isObject() && after.value().isObject()) {
            for (String key : keys(before.value(), after.value(), unknown)) {
                walk(join(path, key), before.child(key), after.child(key), unknown.path(key), out);
            }
            return;
        }
        if (!leaf && before.value().isArray() && after.value().isArray()) {
            int size = Math.max(Math.max(before.value().size(), after.value().size()), unknown.size());
            for (int i = 0; i < size; i++) {
                walk(path + "[" + i + "]", before.child(i), after.child(i), unknown.path(i), out);
            }
            return;
        }
        if (!afterUnknown && same(before.value(), after.value())) {
            return;
        }
        out.add(new AttributeChange(path.isEmpty() ? "(whole value)" : path,
                render(before),
                afterUnknown ? UNKNOWN : render(after)));
    }

    private String render(Side side) {
        return side.whollySensitive() ? SENSITIVE : format.render(side.value());
    }

    /** Null, missing and empty collections all mean "no value": providers normalise between them on refresh. */
    private static boolean same(JsonNode a, JsonNode b) {
        return absent(a) || absent(b) ? absent(a) && absent(b) : a.equals(b);
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    private static Set<String> keys(JsonNode before, JsonNode after, JsonNode unknown) {
        Set<String> keys = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (Iterator<String> it = unknown.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static String join(String path, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static JsonNode orMissing(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }
}
