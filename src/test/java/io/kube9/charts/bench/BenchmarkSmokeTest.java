package io.kube9.charts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark suite working: runs its quick mode in-process (tiny sizes, real helm, real S3
 * API server) and checks that every table came out whole. It asserts shapes, never timings.
 */
class BenchmarkSmokeTest {
    @TempDir
    static Path out;
    private static String report;
    private static Map<String, List<List<String>>> tables;

    @BeforeAll
    static void runQuickMode() throws Exception {
        Path file = out.resolve("benchmarks.md");
        BenchmarkSuite.run(BenchMode.quick(), new LinkedHashSet<>(BenchmarkSuite.SECTIONS), file, Path.of("").toAbsolutePath());
        report = Files.readString(file);
        tables = parseTables(report);
    }

    @Test
    void helmIndexLoadHasARowPerSizeHelmAndCommand() {
        BenchMode quick = BenchMode.quick();
        List<List<String>> rows = table("Helm client: wall time (s) and peak memory (MiB), median (min-max)");
        assertEquals(quick.indexSizes().size() * 2 * HelmIndexLoadBenchmark.COMMANDS.size(), rows.size());
        rows.forEach(row -> assertTrue(row.get(6).matches("[0-9.]+x.*"), "speed-up cell: " + row));
        assertEquals(quick.indexSizes().size() * 2, table("Index size and bytes on the wire (one GET of index.yaml)").size());
        assertEquals(2 * HelmIndexLoadBenchmark.COMMANDS.size(),
                table("Fixed cost: the same commands against a one-version index (s)").size());
    }

    @Test
    void publishingHasARowPerRepositorySizeAndAPhaseBreakdownPerFlow() {
        BenchMode quick = BenchMode.quick();
        List<List<String>> rows = table("Publishing one chart: wall time (s), S3 requests and bytes, median (min-max)");
        int flows = PublishIntoLargeRepositoryBenchmark.Flow.values().length;
        assertEquals(quick.publishSizes().size() * flows, rows.size());
        rows.forEach(row -> assertTrue(row.get(5).matches("[0-9]+.*"), "request count cell: " + row));
        assertEquals(quick.publishSizes().size() * flows, table("Where the time goes (median s per phase)").size());
        assertEquals(quick.publishSizes().size() * flows, table("S3 requests of one publish (the last run at each size)").size());
    }

    @Test
    void concurrencyHasARowPerLevel() {
        List<List<String>> rows = table("Concurrent publishers: median (min-max) over runs");
        assertEquals(BenchMode.quick().concurrencyLevels().size(), rows.size());
    }

    @Test
    void synthesisAndTestCommandRowsArePresentAsPlaceholdersInQuickMode() {
        List<List<String>> synth = table(SynthesisBenchmark.TITLE);
        assertEquals(List.of("cold", "warm", "warm", "warm"), synth.stream().map(row -> row.get(1)).toList());
        assertTrue(synth.get(2).get(0).contains("cdk synth") && synth.get(3).get(0).contains("--no-validation"),
                "the AWS CDK rows: " + synth.subList(2, 4));
        List<List<String>> profile = table(SynthesisBenchmark.PROFILE_TITLE);
        assertEquals(SynthesisBenchmark.NOT_MEASURED, profile.get(0).get(3));
        List<List<String>> test = table(TestCommandBenchmark.TITLE);
        assertEquals(List.of("`scripts/test`"), test.stream().map(row -> row.get(0)).toList());
        List.of(synth, test).forEach(rows -> rows.forEach(row -> assertEquals(SynthesisBenchmark.NOT_MEASURED, row.get(3))));
    }

    @Test
    void downloadStatisticsHaveTheFullIncrementalAndFloorRowsWithTimesAndMemory() {
        List<List<String>> rows = table(StatisticsBenchmark.TITLE);
        assertEquals(4, rows.size());
        rows.subList(0, 3).forEach(row -> assertTrue(row.get(3).matches("[0-9.]+") && row.get(4).matches("[0-9]+"), "cells: " + row));
        assertTrue(rows.get(2).get(0).contains("(2 days, "), "the incremental run counts today and the new day: " + rows.get(2));
    }

    @Test
    void landingPageSizeHasARowPerRepositoryShapeWithTheBytes() {
        List<List<String>> rows = table(LandingPageSizeBenchmark.TITLE);
        assertEquals(LandingPageSizeBenchmark.VERSIONS_PER_CHART.size(), rows.size());
        rows.forEach(row -> assertTrue(row.get(2).matches("[0-9]+") && row.get(3).matches("[0-9]+"), "byte cells: " + row));
    }

    @Test
    void reportHasTheMachineAndTheTargetsTable() {
        assertTrue(table("Machine").stream().anyMatch(row -> row.get(0).equals("CPU model")), report);
        assertTrue(tables.containsKey("Targets"), report);
    }

    private static List<List<String>> table(String title) {
        assertTrue(tables.containsKey(title), "missing table '" + title + "' in:\n" + report);
        return tables.get(title);
    }

    /** Tables by title; fails on any row whose cell count differs from its header's. */
    private static Map<String, List<List<String>>> parseTables(String markdown) {
        Map<String, List<List<String>>> parsed = new LinkedHashMap<>();
        String title = null;
        int columns = 0;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("#### ")) {
                title = line.substring(5);
                parsed.put(title, new ArrayList<>());
                columns = -1;
            } else if (line.startsWith("| ") && title != null) {
                List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| ", -1));
                if (columns < 0) {
                    columns = cells.size();
                } else if (!cells.get(0).equals("---")) {
                    assertEquals(columns, cells.size(), "row of '" + title + "': " + line);
                    parsed.get(title).add(cells);
                }
            }
        }
        return parsed;
    }
}
