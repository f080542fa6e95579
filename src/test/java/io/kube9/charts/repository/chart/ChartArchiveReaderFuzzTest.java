package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.index.VersionOrder;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the chart archive reader with structure-aware input: tar archives of
 * fuzzed entries (names, kinds, link targets, contents, Chart.yaml text), gzipped, and now and then
 * raw bytes. The reader must either return a chart whose key is a safe file name, or refuse with a
 * {@link ChartValidationException} naming the file. Anything else is a finding.
 */
class ChartArchiveReaderFuzzTest {
    private static final String SOURCE = "fuzzed-1.0.0.tgz";

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"Chart.yaml", "values.yaml", "templates/", "../", "/", "C:/", "apiVersion: v2", "name: ",
            "version: ", "type: library", "dependencies:", "- alias: ", "..", "&a", "*a"})
    void readsOrRefusesNamingTheFile(FuzzedDataProvider data) {
        byte[] archive = data.consumeBoolean() ? data.consumeRemainingAsBytes() : buildArchive(data);
        try {
            ChartArchive chart = new ChartArchiveReader().read(SOURCE, archive, Optional.empty());
            assertEquals(Sha256.hex(archive), chart.digest());
            assertTrue(VersionOrder.isValid(chart.version()), chart.version());
            assertFalse(chart.packageKey().contains("/") || chart.packageKey().contains("\\")
                    || chart.name().equals("..") || chart.name().isEmpty(), chart.packageKey());
        } catch (ChartValidationException refused) {
            assertTrue(refused.getMessage().startsWith(SOURCE + ": "), refused.getMessage());
        }
    }

    private static byte[] buildArchive(FuzzedDataProvider data) {
        String top = data.consumeBoolean() ? "demo" : data.consumeString(12);
        ChartArchiveBuilder archive = ChartArchiveBuilder.empty();
        if (data.consumeBoolean()) {
            archive.file(top + "/Chart.yaml", data.consumeBoolean()
                    ? ChartArchiveBuilder.chartYaml(data.consumeString(12), data.consumeString(12))
                    : data.consumeString(300));
        }
        int entries = data.consumeInt(0, 6);
        for (int i = 0; i < entries; i++) {
            String path = data.consumeBoolean() ? top + "/" + data.consumeString(20) : data.consumeString(30);
            if (path.isEmpty()) {
                continue;
            }
            switch (data.consumeInt(0, 4)) {
                case 0 -> archive.directory(path);
                case 1 -> archive.symlink(path, data.consumeString(20));
                case 2 -> archive.hardlink(path, data.consumeString(20));
                case 3 -> archive.fifo(path);
                default -> archive.file(path, data.consumeBytes(200));
            }
        }
        try {
            return archive.tgz();
        } catch (RuntimeException unwritable) {
            // a name the tar writer itself refuses: not a chart anyone can ship
            return new byte[0];
        }
    }
}
