package io.kube9.charts.repository.chart;

/**
 * The limits of one chart package, counted across the chart and every subchart in it (nested
 * archives included), so memory and time stay bounded however the package is built. Helm's own
 * limits are 100 MiB decompressed and 5 MiB per file; Helm counts the 100 MiB per archive and has no
 * bound on files or nesting, so this is stricter for a package near the limits (and no real chart is).
 */
final class ArchiveLimits {
    static final long MAX_DECOMPRESSED_CHART_BYTES = 100L * 1024 * 1024;
    static final long MAX_DECOMPRESSED_FILE_BYTES = 5L * 1024 * 1024;
    /** Files in the whole tree; large real charts (with their subcharts) hold a few thousand. */
    static final int MAX_FILES = 20_000;
    /** Charts nested in charts ({@code charts/a/charts/b/...} or archives in archives); real charts nest two or three. */
    static final int MAX_DEPTH = 10;

    private long remaining = MAX_DECOMPRESSED_CHART_BYTES;
    private int files;

    long remaining() {
        return remaining;
    }

    /** Counts one more file; refuses the package past {@link #MAX_FILES}. */
    void countFile(String source, String field) {
        if (++files > MAX_FILES) {
            throw new ChartValidationException(source, field, "holds more than " + MAX_FILES + " files (with its subcharts),"
                    + " more than this publisher reads in one chart", "Remove files from the chart (add them to .helmignore) and re-package it");
        }
    }

    /** Takes {@code size} decompressed bytes; Helm refuses a chart that reaches its limit, so must this. */
    void consume(long size, String source, String field) {
        remaining -= size;
        if (remaining <= 0) {
            throw tooLarge(source, field);
        }
    }

    static ChartValidationException tooLarge(String source, String field) {
        return new ChartValidationException(source, field, "decompresses to more than the 100 MiB Helm accepts for a chart",
                "Remove large files from the chart (add them to .helmignore) and re-package it");
    }

    static ChartValidationException fileTooLarge(String source, String entry) {
        return new ChartValidationException(source, entry, "decompresses to more than the 5 MiB Helm accepts for one file in a chart",
                "Remove the file from the chart (add it to .helmignore) and re-package it");
    }
}
