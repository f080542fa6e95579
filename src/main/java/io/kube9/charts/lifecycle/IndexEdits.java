package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The index changes lifecycle commands make; everything else in the index stays as it was. */
final class IndexEdits {
    private IndexEdits() {}

    /** The index without one version; a chart left with no version leaves the index (Helm never lists an empty chart). */
    static ChartIndex without(ChartIndex index, String chart, String version) {
        Map<String, List<IndexEntry>> entries = copy(index);
        List<IndexEntry> versions = entries.getOrDefault(chart, new ArrayList<>());
        versions.removeIf(entry -> entry.version().equals(version));
        if (versions.isEmpty()) {
            entries.remove(chart);
        }
        return new ChartIndex(index.apiVersion(), index.generated(), entries, index.otherFields());
    }

    /** The index with one more entry, in its place among the chart's versions. */
    static ChartIndex with(ChartIndex index, IndexEntry entry) {
        Map<String, List<IndexEntry>> entries = copy(index);
        entries.computeIfAbsent(entry.name(), ignored -> new ArrayList<>()).add(entry);
        return new ChartIndex(index.apiVersion(), index.generated(), entries, index.otherFields());
    }

    /** The index with every version of one chart passed through {@code edit}. */
    static ChartIndex editChart(ChartIndex index, String chart, UnaryOperator<IndexEntry> edit) {
        Map<String, List<IndexEntry>> entries = copy(index);
        entries.computeIfPresent(chart, (name, versions) -> new ArrayList<>(versions.stream().map(edit).toList()));
        return new ChartIndex(index.apiVersion(), index.generated(), entries, index.otherFields());
    }

    private static Map<String, List<IndexEntry>> copy(ChartIndex index) {
        Map<String, List<IndexEntry>> entries = new LinkedHashMap<>();
        index.entries().forEach((name, versions) -> entries.put(name, new ArrayList<>(versions)));
        return entries;
    }
}
