package io.kube9.charts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Section 4: the README's main command ({@code scripts/synth}) cold and warm, and the test command
 * ({@code scripts/test}) once. Both run in a fresh clone of the committed HEAD, as CI does. Cold = no
 * target/ and an empty jsii package cache (JSII_RUNTIME_PACKAGE_CACHE_ROOT); warm = both kept. Cold
 * and warm runs alternate.
 */
public final class SynthesisBenchmark {
    static final String NOT_MEASURED = "not measured (run `scripts/bench.sh --full`)";

    private final BenchMode mode;
    private final Path projectRoot;

    public SynthesisBenchmark(BenchMode mode, Path projectRoot) {
        this.mode = mode;
        this.projectRoot = projectRoot;
    }

    public SectionResult run() {
        MarkdownTable table = new MarkdownTable("Synthesis and test command: wall time (s), median (min-max)",
                "Command", "State", "Runs", "Wall s", "Peak RSS MiB (largest process)");
        if (mode.synthesisRuns() == 0) {
            table.row("`scripts/synth`", "cold", 0, NOT_MEASURED, "");
            table.row("`scripts/synth`", "warm", 0, NOT_MEASURED, "");
            table.row("`scripts/test`", "fresh clone", 0, NOT_MEASURED, "");
            return new SectionResult("4. Synthesis and tests").table(table);
        }
        Path work = TempDirectory.create("bench-synth-");
        try {
            Path clone = work.resolve("clone");
            MeasuredProcess.run(List.of("git", "clone", "--quiet", projectRoot.toString(), clone.toString()), Map.of(), work);
            Path warmCache = work.resolve("jsii-warm");
            Samples coldSeconds = new Samples();
            Samples coldMemory = new Samples();
            Samples warmSeconds = new Samples();
            Samples warmMemory = new Samples();
            String failure = null;
            try {
                synth(clone, warmCache); // populates target/ and the warm cache; not counted
                for (int run = 0; run < mode.synthesisRuns(); run++) {
                    TempFiles.deleteRecursively(clone.resolve("target"));
                    MeasuredProcess.Run cold = synth(clone, work.resolve("jsii-cold-" + run));
                    coldSeconds.add(cold.seconds());
                    coldMemory.add(cold.maxRssMib());
                    MeasuredProcess.Run warm = synth(clone, warmCache);
                    warmSeconds.add(warm.seconds());
                    warmMemory.add(warm.maxRssMib());
                }
            } catch (IllegalStateException e) {
                failure = "failed: " + e.getMessage().lines().findFirst().orElse("");
            }
            table.row("`scripts/synth`", "cold", coldSeconds.count(), failure != null ? failure : coldSeconds.format("%.1f"),
                    coldMemory.format("%.0f"));
            table.row("`scripts/synth`", "warm", warmSeconds.count(), failure != null ? failure : warmSeconds.format("%.1f"),
                    warmMemory.format("%.0f"));
            if (mode.runTestCommand()) {
                TempFiles.deleteRecursively(clone.resolve("target"));
                MeasuredProcess.Run test = MeasuredProcess.run(List.of(clone.resolve("scripts/test").toString()),
                        Map.of(), clone);
                table.row("`scripts/test`", "fresh clone", 1, String.format(java.util.Locale.ROOT, "%.1f", test.seconds()),
                        String.format(java.util.Locale.ROOT, "%.0f", test.maxRssMib()));
            } else {
                table.row("`scripts/test`", "fresh clone", 0, NOT_MEASURED, "");
            }
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return new SectionResult("4. Synthesis and tests").table(table)
                .note("Run in a fresh `git clone` of the committed HEAD. Cold = no `target/` (Maven compiles) and an empty"
                        + " jsii package cache (`JSII_RUNTIME_PACKAGE_CACHE_ROOT`), so jsii unpacks the AWS provider"
                        + " bindings again; warm = both kept. `scripts/test` runs once (it includes the quick benchmark"
                        + " smoke test).");
    }

    private static MeasuredProcess.Run synth(Path clone, Path jsiiCache) {
        return MeasuredProcess.run(List.of(clone.resolve("scripts/synth").toString()),
                Map.of("JSII_RUNTIME_PACKAGE_CACHE_ROOT", jsiiCache.toString()), clone);
    }
}
