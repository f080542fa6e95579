package io.kube9.charts.stats;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The counts of complete days, one small JSON object per day under {@code stats/daily/<yyyy-MM-dd>.json} in the
 * chart repository (a CI runner keeps nothing between runs; the log bucket expires what it holds, the chart bucket
 * keeps it). A complete day is written once, create-only, and never read from the logs again; all time is the sum of
 * these objects. They hold counts and log object names only: no address, no user agent, no account or bucket.
 */
public final class DailyCache {
    public static final String PREFIX = "stats/daily/";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final ObjectStore store;

    public DailyCache(ObjectStore store) {
        this.store = store;
    }

    static String key(LocalDate day) {
        return PREFIX + day + ".json";
    }

    /** Every cached day; an unreadable cache object is reported to {@code problems} and left out (its day is recounted). */
    public Map<LocalDate, DayCounts> readAll(Consumer<UncountedObject> problems) {
        Map<LocalDate, DayCounts> days = new TreeMap<>();
        for (String key : store.list()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            try {
                LocalDate day = LocalDate.parse(key.substring(PREFIX.length()).replaceFirst("\\.json$", ""));
                DayCounts counts = JSON.readValue(store.get(key).orElseThrow().content(), DayCounts.class);
                if (!counts.day().equals(day) || !counts.complete()) {
                    throw new IOException("it holds " + counts.day() + (counts.complete() ? "" : " (incomplete)"));
                }
                days.put(day, counts);
            } catch (IOException | DateTimeParseException | NoSuchElementException e) {
                problems.accept(new UncountedObject(key, "not a daily statistics cache object (" + e.getMessage()
                        + "); left out: its day is counted again from the logs while they are kept"));
            }
        }
        return days;
    }

    /** Writes a complete day, create-only: a day another run has cached already stays as it is. */
    public void write(DayCounts counts) {
        try {
            store.putIfAbsent(key(counts.day()), JSON.writeValueAsBytes(counts), RepositoryLayout.STATISTICS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
