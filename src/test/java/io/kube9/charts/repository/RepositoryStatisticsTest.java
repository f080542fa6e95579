package io.kube9.charts.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.RepositoryStatistics.ChartDownloads;
import io.kube9.charts.repository.RepositoryStatistics.Counts;
import io.kube9.charts.repository.RepositoryStatistics.DailyActivity;
import io.kube9.charts.repository.RepositoryStatistics.VersionDownloads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stats.json as the landing page reads it. */
class RepositoryStatisticsTest {
    private static final RepositoryStatistics STATISTICS = new RepositoryStatistics(RepositoryStatistics.FORMAT_VERSION,
            Instant.parse("2026-12-07T04:23:00Z"), LocalDate.of(2026, 12, 6), LocalDate.of(2026, 12, 7), new Counts(3, 7, 9, 11, 12),
            List.of(new ChartDownloads("kube9-operator", new Counts(3, 7, 9, 11, 12),
                    List.of(new VersionDownloads("1.2.0", new Counts(3, 7, 9, 11, 12))))),
            Map.of("helm3", new Counts(3, 7, 9, 11, 12)),
            List.of(new DailyActivity(LocalDate.of(2026, 12, 6), true, 3, 2, 1, 0, 5, 4)));

    @Test
    void roundTripsWithReadableDates() {
        byte[] json = STATISTICS.toJson();

        assertEquals(STATISTICS, RepositoryStatistics.read(json, "stats.json"));
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"generatedAt\" : \"2026-12-07T04:23:00Z\"") && text.contains("\"lastDay\" : \"2026-12-06\""), text);
    }

    @Test
    void somethingElseIsRefusedNamingTheSource() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> RepositoryStatistics.read("<html>".getBytes(StandardCharsets.UTF_8), "s3://bucket/stats.json"));
        assertTrue(notJson.getMessage().startsWith("s3://bucket/stats.json is not a statistics file: "), notJson.getMessage());

        byte[] future = new String(STATISTICS.toJson(), StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")
                .getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> RepositoryStatistics.read(future, "stats.json"));
        assertEquals("stats.json: formatVersion 2 is not 1; re-run the stats command to rewrite it", newer.getMessage());
    }
}
