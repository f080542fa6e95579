package io.kube9.charts.stats;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryStatistics;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.repository.storage.ObjectInfo;
import io.kube9.charts.stats.CloudFrontLogFixture.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB engine on Parquet logs made in the test, in a local copy of the log bucket. */
class DuckDbStatisticsTest {
    /** The hand-made log objects, made once (DuckDB writes them) and copied into each test's log directory. */
    private static Map<String, byte[]> handMade;

    @TempDir
    Path temp;

    private Path logs;
    private Path repositoryDirectory;
    private LocalDirectoryStore repository;
    private final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void makeLogs(@TempDir Path scratch) {
        handMade = CloudFrontLogFixture.handMade(scratch).materialize(scratch);
    }

    @BeforeEach
    void setUp() throws Exception {
        logs = temp.resolve("logs");
        Files.createDirectories(temp.resolve("scratch"));
        for (Map.Entry<String, byte[]> object : handMade.entrySet()) {
            Files.createDirectories(logs.resolve(object.getKey()).getParent());
            Files.write(logs.resolve(object.getKey()), object.getValue());
        }
        repositoryDirectory = temp.resolve("repository");
        repository = new LocalDirectoryStore(repositoryDirectory);
        repository.putIfAbsent(RepositoryLayout.INDEX_KEY, StatisticsAssertions.INDEX.getBytes(StandardCharsets.UTF_8),
                RepositoryLayout.LIFECYCLE);
    }

    private StatisticsReport run(RecordingLogStore store, String now, boolean dryRun) {
        DuckDbEngine engine = new DuckDbEngine(store, new LogLayout(CloudFrontLogFixture.PREFIX), temp.resolve("work"), "256MB",
                progress::add);
        return new StatisticsRun(engine, "duckdb", ChartRepository.open(repository, RepositorySettings.defaults("https://charts.kube9.io"),
                Invalidator.NONE, Clock.fixed(Instant.parse(now), ZoneOffset.UTC), progress::add))
                .run(dryRun);
    }

    @Test
    void countsEveryRuleExactlyAndWritesStatsJsonAsAMutableObject() {
        RecordingLogStore store = new RecordingLogStore(new DirectoryLogStore(logs));

        StatisticsReport report = run(store, CloudFrontLogFixture.NOW, false);

        StatisticsAssertions.assertHandMadeCounts(report.statistics());
        assertEquals(91, report.daysCounted());
        assertEquals(90, report.daysCached(), "every complete day of the window; not today");
        StatisticsAssertions.assertHandMadeProblems(report.problems());
        assertEquals(report.problems(), report.newProblems());
        assertTrue(report.written());
        ObjectInfo written = repository.head(RepositoryLayout.STATISTICS_KEY).orElseThrow();
        assertEquals(RepositoryLayout.STATISTICS, written.headers());
        RepositoryStatistics stored = RepositoryStatistics.read(repository.get(RepositoryLayout.STATISTICS_KEY).orElseThrow().content(),
                RepositoryLayout.STATISTICS_KEY);
        assertEquals(report.statistics(), stored);
        assertTrue(progress.stream().anyMatch(line -> line.contains("not counted") && line.contains("someone-elses.parquet")), progress.toString());
        assertEquals(RepositoryLayout.STATISTICS, repository.head("stats/daily/2026-12-06.json").orElseThrow().headers());
        assertFalse(Files.exists(repositoryDirectory.resolve("stats/daily/2026-12-07.json")), "today is not complete");
        assertFalse(Files.exists(temp.resolve("work")), "downloaded logs are deleted after counting");
    }

    @Test
    void aSecondRunReadsOnlyTodaysObjectsAndNeverACompleteDayAgain() throws Exception {
        run(new RecordingLogStore(new DirectoryLogStore(logs)), CloudFrontLogFixture.NOW, false);
        new CloudFrontLogFixture()
                .add(CloudFrontLogFixture.TODAY, 13, "new-today.parquet",
                        Request.get("203.0.113.9", "/kube9-operator-1.2.0.tgz", "200", CloudFrontLogFixture.HELM3))
                // Delivered after its day was cached: not read, not counted.
                .add(CloudFrontLogFixture.TODAY.minusDays(1), 23, "late.parquet",
                        Request.get("203.0.113.9", "/kube9-operator-1.2.0.tgz", "200", CloudFrontLogFixture.HELM3))
                .writeTo(logs, temp.resolve("scratch"));
        RecordingLogStore store = new RecordingLogStore(new DirectoryLogStore(logs));

        StatisticsReport second = run(store, "2026-12-07T14:00:00Z", false);

        assertEquals(List.of(CloudFrontLogFixture.key(CloudFrontLogFixture.TODAY, 9, "today.parquet"),
                CloudFrontLogFixture.key(CloudFrontLogFixture.TODAY, 13, "new-today.parquet")), store.downloads);
        assertEquals(List.of(new LogLayout(CloudFrontLogFixture.PREFIX).dayPrefix(CloudFrontLogFixture.TODAY)),
                store.listings, "only today's folder is listed");
        assertEquals(1, second.daysCounted());
        assertEquals(90, second.daysFromCache());
        assertEquals(2, second.objectsRead());
        assertEquals(13, second.statistics().downloads().allTime());
        assertEquals(6, second.statistics().downloads().lastDay());
        assertEquals(List.of(), second.newProblems(), "problems of cached days are not found again");
        StatisticsAssertions.assertHandMadeProblems(second.problems());

        // The next day: yesterday (now complete) is read once more, from its objects, and cached.
        RecordingLogStore nextDay = new RecordingLogStore(new DirectoryLogStore(logs));
        StatisticsReport third = run(nextDay, "2026-12-08T04:00:00Z", false);
        assertEquals(2, third.daysCounted());
        assertEquals(2, third.objectsRead());
        assertEquals(new io.kube9.charts.repository.RepositoryStatistics.Counts(2, 8, 11, 12, 13), third.statistics().downloads());
        assertTrue(Files.isRegularFile(repositoryDirectory.resolve("stats/daily/2026-12-07.json")));
    }

    @Test
    void aDayEndedLessThanTheSettleTimeAgoIsCountedButNotCached() {
        StatisticsReport report = run(new RecordingLogStore(new DirectoryLogStore(logs)), "2026-12-07T02:59:59Z", false);

        assertEquals(89, report.daysCached(), "yesterday's logs may still arrive until 03:00");
        assertFalse(Files.exists(repositoryDirectory.resolve("stats/daily/2026-12-06.json")));
        assertEquals(6, report.statistics().downloads().lastDay());
    }

    @Test
    void allTimeIsTheSumOfTheKeptDaysIncludingThoseOlderThanTheLogs() throws Exception {
        LocalDate old = CloudFrontLogFixture.TODAY.minusDays(400);
        new DailyCache(repository).write(new DayCounts(old, true,
                Map.of("/kube9-operator-0.1.0.tgz", 5L), Map.of("helm3", 5L), 2, 0, 0, 0, 0, List.of(), List.of()));
        repository.putIfAbsent("stats/daily/2026-01-01.json", "{ not json".getBytes(StandardCharsets.UTF_8), RepositoryLayout.STATISTICS);

        StatisticsReport report = run(new RecordingLogStore(new DirectoryLogStore(logs)), CloudFrontLogFixture.NOW, true);

        assertEquals(17, report.statistics().downloads().allTime());
        assertEquals(11, report.statistics().downloads().last90Days());
        assertTrue(report.newProblems().stream().anyMatch(problem -> problem.object().equals("stats/daily/2026-01-01.json")
                && problem.reason().startsWith("not a daily statistics cache object")), report.newProblems().toString());
        assertFalse(report.written());
        assertEquals(Optional.empty(), repository.head(RepositoryLayout.STATISTICS_KEY), "dry run");
        assertFalse(Files.exists(repositoryDirectory.resolve("stats/daily/2026-12-06.json")), "a dry run writes no cache");
    }

    @Test
    void noOutputOrCacheHoldsAClientAddress() throws Exception {
        StatisticsReport report = run(new RecordingLogStore(new DirectoryLogStore(logs)), CloudFrontLogFixture.NOW, false);

        StatisticsAssertions.assertNoAddress("stats.json", repository.get(RepositoryLayout.STATISTICS_KEY).orElseThrow().content());
        StatisticsAssertions.assertNoAddress("progress", String.join("\n", progress));
        try (var cached = Files.list(repositoryDirectory.resolve("stats/daily"))) {
            for (Path file : cached.toList()) {
                StatisticsAssertions.assertNoAddress(file.toString(), Files.readAllBytes(file));
            }
        }
        assertEquals(91, report.statistics().days().size());
    }
}
