package io.kube9.charts.ops;

import java.util.List;

/** Presence checks for plan JSON fields; the reader adds where in the document the field was expected. */
final class Required {
    private Required() {}

    static void field(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
    }

    /** An immutable copy of a JSON array, refusing {@code null} entries (which {@link List#copyOf} would not name). */
    static <T> List<T> entries(List<T> values, String name) {
        if (values.contains(null)) {
            throw new IllegalArgumentException(name + " has a null entry");
        }
        return List.copyOf(values);
    }
}
