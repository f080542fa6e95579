package io.kube9.charts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Section 4: the README's main command ({@code scripts/synth}) cold and warm, in a fresh clone of the
 * committed HEAD. Cold = no target/ and an empty jsii package cache (JSII_RUNTIME_PACKAGE_CACHE_ROOT);
 * warm = both kept. Cold and warm runs alternate.
 */
public final class SynthesisBenchmark {
    static final String NOT_MEASURED = "not measured (run `scripts/bench.sh --full`)";
    static final String TITLE = "Synthesis: wall time (s), median (min-max)";

    private final BenchMode mode;
    private final Path projectRoot;

    public SynthesisBenchmark(BenchMode mode, Path projectRoot) {
        this.mode = mode;
        this.projectRoot = projectRoot;
    }

    public SectionResult run() {
        MarkdownTable table = new MarkdownTable(TITLE, "Command", "State", "Runs", "Wall s", "Peak RSS MiB (largest process)");
        SectionResult result = new SectionResult("4. Synthesis").table(table);
        if (mode.synthesisRuns() == 0) {
            table.row("`scripts/synth`", "cold", 0, NOT_MEASURED, "");
            table.row("`scripts/synth`", "warm", 0, NOT_MEASURED, "");
            return result;
        }
        Path work = TempDirectory.create("bench-synth-");
        try {
            Path clone = FreshClone.of(projectRoot, work);
            Path warmCache = work.resolve("jsii-warm");
            Samples coldSeconds = new Samples();
            Samples coldMemory = new Samples();
            Samples warmSeconds = new Samples();
            Samples warmMemory = new Samples();
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
            table.row("`scripts/synth`", "cold", coldSeconds.count(), coldSeconds.format("%.1f"), coldMemory.format("%.0f"));
            table.row("`scripts/synth`", "warm", warmSeconds.count(), warmSeconds.format("%.1f"), warmMemory.format("%.0f"));
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return result.note("Run in a fresh `git clone` of the committed HEAD. Cold = no `target/` (Maven compiles) and an"
                + " empty jsii package cache (`JSII_RUNTIME_PACKAGE_CACHE_ROOT`), so jsii unpacks the AWS provider bindings"
                + " again; warm = both kept. One uncounted run first; then cold and warm alternate.");
    }

    private static MeasuredProcess.Run synth(Path clone, Path jsiiCache) {
        return MeasuredProcess.run(List.of(clone.resolve("scripts/synth").toString()),
                Map.of("JSII_RUNTIME_PACKAGE_CACHE_ROOT", jsiiCache.toString()), clone);
    }
}
