package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.VersionOrder;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of Chart.yaml parsing and validation: any text as {@code demo/Chart.yaml}
 * either yields a chart that can be indexed (a SemVer version, a name usable as a file name, an index
 * entry) or is refused with a {@link ChartValidationException} naming the file and Chart.yaml.
 */
class ChartYamlFuzzTest {
    private static final String SOURCE = "demo-1.0.0.tgz";

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"apiVersion: v2", "apiVersion: v1", "name: demo", "version: 1.0.0", "version: ",
            "type: application", "type: library", "dependencies:", "- name: x", "alias: ", "annotations:",
            "maintainers:", "keywords: [", "&anchor ", "*anchor", "!!binary ", "---", "? ", "'", "~"})
    void indexesOrRefusesNamingChartYaml(byte[] chartYaml) {
        byte[] archive = ChartArchiveBuilder.empty()
                .file("demo/Chart.yaml", chartYaml)
                .file("demo/values.yaml", "replicaCount: 1\n".getBytes(StandardCharsets.UTF_8))
                .tgz();
        try {
            ChartArchive chart = new ChartArchiveReader().read(SOURCE, archive, Optional.empty());
            assertTrue(VersionOrder.isValid(chart.version()), chart.version());
            assertFalse(chart.name().isEmpty() || chart.name().contains("/") || chart.name().contains("\\"), chart.name());
            IndexEntry entry = IndexEntry.forChart(chart.metadata(), "https://charts.example.test/" + chart.packageKey(),
                    chart.digest(), Instant.EPOCH);
            assertTrue(entry.name().equals(chart.name()) && entry.version().equals(chart.version()), entry.fields().toString());
        } catch (ChartValidationException refused) {
            assertTrue(refused.getMessage().startsWith(SOURCE + ": Chart.yaml") || refused.getMessage().startsWith(SOURCE + ": demo/Chart.yaml"),
                    refused.getMessage());
        }
    }
}
