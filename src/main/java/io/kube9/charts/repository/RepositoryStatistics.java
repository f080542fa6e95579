package io.kube9.charts.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The repository's download statistics as {@link RepositoryLayout#STATISTICS_KEY} holds them: successful package
 * downloads per chart and version over the last 1, 7, 30 and 90 whole UTC days and all time, downloads by client kind,
 * and each day's activity (docs/statistics.md defines every count). Written by the stats command; the landing page
 * reads it with {@link #read}.
 *
 * @param lastDay the last whole UTC day the windows end with (the day before the run)
 * @param today   the run's own day so far (counted in all time and in {@code days}, in no window)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryStatistics(int formatVersion, Instant generatedAt, LocalDate lastDay, LocalDate today,
        Counts downloads, List<ChartDownloads> charts, Map<String, Counts> clients, List<DailyActivity> days) {
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RepositoryStatistics {
        Objects.requireNonNull(generatedAt, "generatedAt");
        charts = List.copyOf(charts);
        clients = Map.copyOf(clients);
        days = List.copyOf(days);
    }

    /** Download counts over the windows. */
    public record Counts(long lastDay, long last7Days, long last30Days, long last90Days, long allTime) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        public Counts plus(Counts other) {
            return new Counts(lastDay + other.lastDay, last7Days + other.last7Days, last30Days + other.last30Days,
                    last90Days + other.last90Days, allTime + other.allTime);
        }
    }

    public record ChartDownloads(String name, Counts downloads, List<VersionDownloads> versions) {
        public ChartDownloads {
            versions = List.copyOf(versions);
        }
    }

    public record VersionDownloads(String version, Counts downloads) {}

    /**
     * One UTC day: downloads, distinct downloaders (address and user agent pairs, counted, never kept), 304 answers to
     * package revalidations and 206 partial answers (neither is a download), and index.yaml fetches (200 and 304).
     */
    public record DailyActivity(LocalDate day, boolean complete, long downloads, long downloaders, long revalidations,
            long partialResponses, long indexFetches, long indexNotModified) {}

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses stats.json; {@code source} names it in the message when it is not one. */
    public static RepositoryStatistics read(byte[] content, String source) {
        try {
            RepositoryStatistics statistics = JSON.readValue(content, RepositoryStatistics.class);
            if (statistics.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException(source + ": formatVersion " + statistics.formatVersion()
                        + " is not " + FORMAT_VERSION + "; re-run the stats command to rewrite it");
            }
            return statistics;
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException(source + " is not a statistics file: " + e.getMessage(), e);
        }
    }
}
