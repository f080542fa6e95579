package io.kube9.charts.stats;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kube9.charts.repository.RepositoryStatistics.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The counts of complete days, one small JSON object per day under {@code stats/daily/<yyyy-MM-dd>.json} beside the
 * logs (a CI runner keeps nothing between runs). A complete day is counted once and never read from the logs again;
 * all time is the sum of these objects, so they are kept after the logs expire. They hold counts and object names
 * only: no address, no user agent.
 */
public final class DailyCache {
    public static final String PREFIX = "stats/daily/";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final LogStore store;

    public DailyCache(LogStore store) {
        this.store = store;
    }

    static String key(LocalDate day) {
        return PREFIX + day + ".json";
    }

    /** Every cached day; an unreadable cache object is reported to {@code problems} and left out (its day is recounted). */
    public Map<LocalDate, DayCounts> readAll(Consumer<Problem> problems) {
        Map<LocalDate, DayCounts> days = new TreeMap<>();
        for (String key : store.list(PREFIX)) {
            String name = key.substring(PREFIX.length());
            String location = store.describe() + "/" + key;
            try {
                LocalDate day = LocalDate.parse(name.replaceFirst("\\.json$", ""));
                DayCounts counts = JSON.readValue(store.read(key).orElseThrow(), DayCounts.class);
                if (!counts.day().equals(day) || !counts.complete()) {
                    throw new IOException("it holds " + counts.day() + (counts.complete() ? "" : " (incomplete)"));
                }
                days.put(day, counts);
            } catch (IOException | DateTimeParseException | java.util.NoSuchElementException e) {
                problems.accept(new Problem(location, "not a daily statistics cache object (" + e.getMessage()
                        + "); left out: its day is counted again from the logs while they are kept"));
            }
        }
        return days;
    }

    public void write(DayCounts counts) {
        try {
            store.write(key(counts.day()), JSON.writeValueAsBytes(counts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
