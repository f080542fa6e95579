package io.kube9.charts.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.RepositoryStatistics.ChartDownloads;
import io.kube9.charts.repository.RepositoryStatistics.Counts;
import io.kube9.charts.repository.RepositoryStatistics.DailyActivity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The hand-made fixture's numbers (CloudFrontLogFixture.handMade), counted by hand, and the no-address check. */
public final class StatisticsAssertions {
    /** The index of the chart repository the fixture's downloads are named with: web and web-app share a prefix. */
    public static final String INDEX = """
            apiVersion: v1
            entries:
              kube9-operator:
              - {apiVersion: v2, name: kube9-operator, version: 1.2.0, digest: aa, created: "2026-01-01T00:00:00Z", urls: [kube9-operator-1.2.0.tgz]}
              web:
              - {apiVersion: v2, name: web, version: 1.0.0, digest: bb, created: "2026-01-01T00:00:00Z", urls: [web-1.0.0.tgz]}
              web-app:
              - {apiVersion: v2, name: web-app, version: 2.0.0, digest: cc, created: "2026-01-01T00:00:00Z", urls: [web-app-2.0.0.tgz]}
            generated: "2026-01-01T00:00:00Z"
            """;

    private StatisticsAssertions() {}

    static void assertHandMadeCounts(RepositoryStatistics statistics) {
        assertEquals(CloudFrontLogFixture.TODAY.minusDays(1), statistics.lastDay());
        assertEquals(CloudFrontLogFixture.TODAY, statistics.today());
        assertEquals(new Counts(6, 7, 9, 11, 12), statistics.downloads());

        Map<String, ChartDownloads> charts = statistics.charts().stream()
                .collect(java.util.stream.Collectors.toMap(ChartDownloads::name, chart -> chart));
        assertEquals(List.of("kube9-operator", "old-chart", "web-app"), statistics.charts().stream().map(ChartDownloads::name).toList());
        ChartDownloads operator = charts.get("kube9-operator");
        assertEquals(new Counts(4, 5, 7, 9, 10), operator.downloads());
        assertEquals(List.of("1.3.0+build.7", "1.2.0", "1.1.0", "1.0.0"),
                operator.versions().stream().map(RepositoryStatistics.VersionDownloads::version).toList());
        assertEquals(List.of(new Counts(1, 1, 1, 1, 1), new Counts(3, 3, 3, 3, 4), new Counts(0, 1, 3, 3, 3), new Counts(0, 0, 0, 2, 2)),
                operator.versions().stream().map(RepositoryStatistics.VersionDownloads::downloads).toList());
        assertEquals("2.0.0", charts.get("web-app").versions().get(0).version());
        assertEquals("0.9.0-rc.1", charts.get("old-chart").versions().get(0).version());

        assertEquals(Map.of("helm3", new Counts(2, 3, 5, 5, 6), "helm4", new Counts(1, 1, 1, 1, 1),
                "flux", new Counts(1, 1, 1, 1, 1), "argocd", new Counts(1, 1, 1, 1, 1),
                "browser", new Counts(1, 1, 1, 1, 1), "other", new Counts(0, 0, 0, 2, 2)), statistics.clients());

        DailyActivity yesterday = day(statistics, 1);
        assertEquals(new DailyActivity(CloudFrontLogFixture.TODAY.minusDays(1), true, 6, 5, 1, 1, 3, 1), yesterday);
        assertEquals(new DailyActivity(CloudFrontLogFixture.TODAY, false, 1, 1, 0, 0, 0, 0), day(statistics, 0));
        assertEquals(91, statistics.days().size(), "the 90 days of the longest window and today");
    }

    /** The objects of the hand-made set that are not counted, named by their keys after the logs prefix. */
    static void assertHandMadeProblems(List<UncountedObject> problems) {
        assertEquals(List.of(
                new UncountedObject("2026/12/06/12/E2EXAMPLE.2026-12-06-12.c3.parquet",
                        "not a readable Parquet file: Invalid Input Error: No magic bytes found at end of file 'it'"),
                new UncountedObject("2026/12/06/13/someone-elses.parquet", "not a CloudFront log: it has no column sc_status"),
                new UncountedObject("2026/12/06/README.txt", "not in the <yyyy>/<MM>/<dd>/<HH>/ folders CloudFront delivers to")),
                problems.subList(0, Math.min(3, problems.size())));
        assertEquals(4, problems.size(), problems.toString());
        assertEquals("2026/12/06/14/E2EXAMPLE.2026-12-06-14.d4.parquet", problems.get(3).object());
        assertTrue(problems.get(3).reason().startsWith("damaged: its schema reads but its data does not: "), problems.get(3).reason());
    }

    private static DailyActivity day(RepositoryStatistics statistics, int daysAgo) {
        return statistics.days().stream().filter(day -> day.day().equals(CloudFrontLogFixture.TODAY.minusDays(daysAgo)))
                .findFirst().orElseThrow();
    }

    /** No client address (of any the fixture logs) appears in {@code text}. */
    public static void assertNoAddress(String where, String text) {
        for (String prefix : CloudFrontLogFixture.ADDRESS_PREFIXES) {
            assertFalse(text.contains(prefix), where + " contains a client address (" + prefix + "...)");
        }
    }

    static void assertNoAddress(String where, byte[] content) {
        assertNoAddress(where, new String(content, StandardCharsets.UTF_8));
    }
}
