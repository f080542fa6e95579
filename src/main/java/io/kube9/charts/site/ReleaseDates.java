package io.kube9.charts.site;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Index times ({@code created}, {@code generated}: RFC 3339, Helm writes nanoseconds) as a UTC date, e.g. 2026-11-24. */
final class ReleaseDates {
    private ReleaseDates() {}

    /** The UTC date, or "" when the time is missing or not RFC 3339. */
    static String utcDate(String time) {
        if (time == null || time.isBlank()) {
            return "";
        }
        try {
            return OffsetDateTime.parse(time.strip()).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
        } catch (DateTimeParseException e) {
            return "";
        }
    }
}
