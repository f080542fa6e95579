package io.kube9.charts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Section 5: the README's test command ({@code scripts/test}) once, in a fresh clone as CI runs it. */
public final class TestCommandBenchmark {
    static final String TITLE = "Test command: wall time (s)";

    private final BenchMode mode;
    private final Path projectRoot;

    public TestCommandBenchmark(BenchMode mode, Path projectRoot) {
        this.mode = mode;
        this.projectRoot = projectRoot;
    }

    public SectionResult run() {
        MarkdownTable table = new MarkdownTable(TITLE, "Command", "State", "Runs", "Wall s", "Peak RSS MiB (largest process)");
        SectionResult result = new SectionResult("5. Test command").table(table);
        if (!mode.runTestCommand()) {
            table.row("`scripts/test`", "fresh clone", 0, SynthesisBenchmark.NOT_MEASURED, "");
            return result;
        }
        Path work = TempDirectory.create("bench-tests-");
        try {
            Path clone = FreshClone.of(projectRoot, work);
            MeasuredProcess.Run test = MeasuredProcess.run(List.of(clone.resolve("scripts/test").toString()), Map.of(), clone);
            table.row("`scripts/test`", "fresh clone", 1, String.format(Locale.ROOT, "%.1f", test.seconds()),
                    String.format(Locale.ROOT, "%.0f", test.maxRssMib()));
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return result.note("One run in a fresh `git clone` of the committed HEAD, as CI runs it (tools already cached;"
                + " Maven compiles from scratch). It includes the quick benchmark smoke test.");
    }
}
