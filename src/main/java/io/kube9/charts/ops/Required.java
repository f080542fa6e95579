package io.kube9.charts.ops;

/** Presence checks for plan JSON fields; the reader adds where in the document the field was expected. */
final class Required {
    private Required() {}

    static void field(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
    }
}
