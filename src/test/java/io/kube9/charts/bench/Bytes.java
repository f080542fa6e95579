package io.kube9.charts.bench;

import java.util.Locale;

final class Bytes {
    private Bytes() {}

    /** e.g. {@code 812 B}, {@code 3.4 kB}, {@code 12.3 MB} (decimal units). */
    static String human(double bytes) {
        if (bytes < 1_000) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
