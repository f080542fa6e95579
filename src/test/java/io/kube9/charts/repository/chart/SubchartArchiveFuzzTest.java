package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kube9.charts.repository.index.VersionOrder;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Coverage-guided fuzzing of the chart tree: a parent chart with fuzzed Chart.yaml, values.yaml and
 * subcharts under charts/ (directories, archives, archives of archives, raw bytes posing as an
 * archive, files Helm skips), listed or not as dependencies. The reader must load the tree or refuse
 * with a {@link ChartValidationException} naming the package; a loaded package's content
 * ({@link ChartContent}) must not depend on how it was packaged: the same entries stamped with another
 * time read as the same content, and a changed file as different content.
 */
class SubchartArchiveFuzzTest {
    private static final String SOURCE = "parent-1.0.0.tgz";

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"charts/", ".tgz", "Chart.yaml", "values.yaml", "requirements.yaml", "Chart.lock", "apiVersion: v2",
            "name: ", "version: ", "dependencies:", "- name: ", "alias: ", "_", ".", "---", "&a", "*a", "<<: ", "!!str", "~"})
    void loadsOrRefusesTheTree(FuzzedDataProvider data) {
        List<Consumer<ChartArchiveBuilder>> entries = parent(data);
        byte[] archive = build(entries, 1_700_000_000_000L);
        ChartArchive chart;
        try {
            chart = new ChartArchiveReader().read(SOURCE, archive, Optional.empty());
        } catch (ChartValidationException refused) {
            assertTrue(refused.getMessage().startsWith(SOURCE + ": "), refused.getMessage());
            return;
        }
        assertTrue(VersionOrder.isValid(chart.version()), chart.version());
        ChartArchive repackaged = new ChartArchiveReader().read(SOURCE, build(entries, 1_800_000_000_000L), Optional.empty());
        assertEquals(Optional.empty(), repackaged.files().firstDifference(chart.files()), "re-packaging changed the content");
        entries.add(builder -> builder.file("parent/files/added-by-the-fuzz-test", "x"));
        byte[] changedBytes = build(entries, 1_700_000_000_000L);
        ChartArchive changed = new ChartArchiveReader().read(SOURCE, changedBytes, Optional.empty());
        assertTrue(changed.files().firstDifference(chart.files()).isPresent(), "an added file went unnoticed");
    }

    private static List<Consumer<ChartArchiveBuilder>> parent(FuzzedDataProvider data) {
        List<Consumer<ChartArchiveBuilder>> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int subcharts = data.consumeInt(0, 3);
        StringBuilder dependencies = new StringBuilder();
        for (int i = 0; i < subcharts; i++) {
            String name = data.consumeBoolean() ? "sub" + i : data.consumeString(8);
            names.add(name);
            if (data.consumeBoolean()) {
                dependencies.append("- name: ").append(name).append("\n  repository: https://charts.example.test\n");
            }
        }
        String chartYaml = data.consumeBoolean()
                ? "apiVersion: v2\nname: parent\nversion: 1.0.0\n" + (dependencies.length() > 0 ? "dependencies:\n" + dependencies : "")
                : data.consumeString(200);
        entries.add(builder -> builder.file("parent/Chart.yaml", chartYaml));
        if (data.consumeBoolean()) {
            String values = data.consumeString(100);
            entries.add(builder -> builder.file("parent/values.yaml", values));
        }
        for (String name : names) {
            entries.add(subchart(data, "parent/charts/", name, 0));
        }
        if (data.consumeBoolean()) {
            String path = "parent/" + data.consumeString(30);
            byte[] content = data.consumeBytes(50);
            entries.add(builder -> builder.file(path, content));
        }
        return entries;
    }

    /** One subchart: a directory, an archive (nested once more, sometimes), raw bytes, or a file Helm skips. */
    private static Consumer<ChartArchiveBuilder> subchart(FuzzedDataProvider data, String charts, String name, int depth) {
        String chartYaml = data.consumeBoolean() ? ChartArchiveBuilder.chartYaml(name, "1.0." + data.consumeInt(0, 9)) : data.consumeString(120);
        int kind = data.consumeInt(0, 3);
        boolean nestMore = depth < 1 && data.consumeBoolean();
        String nestedName = nestMore ? (data.consumeBoolean() ? "leaf" : data.consumeString(6)) : "";
        switch (kind) {
            case 0 -> {
                Consumer<ChartArchiveBuilder> nested = nestMore ? subchart(data, charts + name + "/charts/", nestedName, depth + 1) : b -> {};
                return builder -> {
                    builder.file(charts + name + "/Chart.yaml", chartYaml);
                    nested.accept(builder);
                };
            }
            case 1 -> {
                ChartArchiveBuilder inner = ChartArchiveBuilder.empty().file(name + "/Chart.yaml", chartYaml);
                if (nestMore) {
                    subchart(data, name + "/charts/", nestedName, depth + 1).accept(inner);
                }
                byte[] tgz = tgzOrEmpty(inner);
                return builder -> builder.file(charts + name + ".tgz", tgz);
            }
            case 2 -> {
                byte[] raw = data.consumeBytes(80);
                return builder -> builder.file(charts + name + ".tgz", raw);
            }
            default -> {
                String skippedPath = charts + (data.consumeBoolean() ? "_" : ".") + name + "/Chart.yaml";
                byte[] skipped = data.consumeBytes(20);
                return builder -> builder.file(skippedPath, skipped);
            }
        }
    }

    private static byte[] build(List<Consumer<ChartArchiveBuilder>> entries, long time) {
        ChartArchiveBuilder builder = ChartArchiveBuilder.empty().modifiedAt(time);
        entries.forEach(entry -> entry.accept(builder));
        return tgzOrEmpty(builder);
    }

    /** A name the tar writer itself refuses is not a chart anyone can ship: an empty file instead. */
    private static byte[] tgzOrEmpty(ChartArchiveBuilder builder) {
        try {
            return builder.tgz();
        } catch (RuntimeException unwritable) {
            return new byte[0];
        }
    }
}
