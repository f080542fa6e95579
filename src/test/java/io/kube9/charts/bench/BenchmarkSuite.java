package io.kube9.charts.bench;

import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark suite's entry point, run by {@code scripts/bench.sh [--quick|--full]}: measures every
 * section, prints its tables as they complete and writes them, with the machine and the method, to a
 * Markdown report (docs/benchmarks.md in full mode).
 */
public final class BenchmarkSuite {
    public static final List<String> SECTIONS = List.of("index", "publish", "concurrency", "synthesis", "tests", "page", "stats");

    private BenchmarkSuite() {}

    public static void main(String[] args) {
        BenchMode mode = BenchMode.quick();
        Path out = null;
        Set<String> sections = new LinkedHashSet<>(SECTIONS);
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = BenchMode.quick();
                case "--full" -> mode = BenchMode.full();
                case "--index-sizes", "--publish-sizes", "--runs" -> {
                    overrides.add(args[i]);
                    overrides.add(args[++i]);
                }
                case "--out" -> out = Path.of(args[++i]);
                case "--sections" -> sections = new LinkedHashSet<>(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --quick | --full, --out FILE, --sections " + String.join(",", SECTIONS)
                        + ", --index-sizes N,N, --publish-sizes N,N, --runs N)");
            }
        }
        for (int i = 0; i < overrides.size(); i += 2) {
            String value = overrides.get(i + 1);
            mode = switch (overrides.get(i)) {
                case "--index-sizes" -> mode.withIndexSizes(sizes(value));
                case "--publish-sizes" -> mode.withPublishSizes(sizes(value));
                default -> mode.withRuns(Integer.parseInt(value));
            };
        }
        if (out == null) {
            out = Path.of(mode.name().equals("full") ? "docs/benchmarks.md" : "target/benchmarks-quick.md");
        }
        run(mode, sections, out, Path.of("").toAbsolutePath());
    }

    private static void write(Path out, String report) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> sizes(String list) {
        return java.util.Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }

    /** Runs the chosen sections and writes the report; returns its Markdown. */
    public static String run(BenchMode mode, Set<String> sections, Path out, Path projectRoot) {
        Path helm3 = TestTools.helm3();
        Path helm4 = TestTools.helm4();
        List<SectionResult> results = new ArrayList<>();
        MarkdownTable machine = MachineInfo.describe(helm3, helm4);
        System.out.println(machine.render());
        for (String section : sections) {
            SectionResult result = switch (section) {
                case "index" -> new HelmIndexLoadBenchmark(mode, helm3, helm4).run();
                case "publish" -> new PublishIntoLargeRepositoryBenchmark(mode, helm3, projectRoot).run();
                case "concurrency" -> new ConcurrentPublishBenchmark(mode, helm3).run();
                case "synthesis" -> new SynthesisBenchmark(mode, projectRoot).run();
                case "tests" -> new TestCommandBenchmark(mode, projectRoot).run();
                case "page" -> new LandingPageSizeBenchmark().run();
                case "stats" -> new StatisticsBenchmark(mode, projectRoot).run();
                default -> throw new IllegalArgumentException("unknown section " + section + "; known: " + SECTIONS);
            };
            System.out.println(result.render());
            results.add(result);
            write(out, BenchmarkReport.render(mode, machine, results)); // after each section: a long run keeps what it has
        }
        String report = BenchmarkReport.render(mode, machine, results);
        System.out.println(BenchmarkReport.targetsTable(results).render());
        System.out.println("Report written to " + out);
        return report;
    }
}
