package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Subcharts are loaded as Helm loads them (directories and archives under charts/, nested), and each
 * refusal names the file inside the package; HelmDifferentialTest checks the verdicts against Helm.
 */
class SubchartValidationTest {
    private static final String SOURCE = "parent-1.0.0.tgz";
    private static final String DEPENDS_ON_SUB = "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n"
            + "- name: sub\n  version: 1.0.0\n  repository: https://charts.example.test\n";

    private static ChartArchiveBuilder parent() {
        return ChartArchiveBuilder.empty().file("parent/Chart.yaml", DEPENDS_ON_SUB);
    }

    private static String refusal(byte[] archive) {
        return assertThrows(ChartValidationException.class, () -> new ChartArchiveReader().read(SOURCE, archive, Optional.empty()))
                .getMessage();
    }

    @Test
    void aSubchartDirectoryWithoutVersion() {
        assertEquals(SOURCE + ": parent/charts/sub/Chart.yaml version: is missing (Helm: chart.metadata.version is required)."
                + " Add `version: <SemVer>` (e.g. 1.0.0) to Chart.yaml and re-package the chart",
                refusal(parent().file("parent/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\n").tgz()));
    }

    @Test
    void aSubchartArchiveWithoutVersionIsNamedInsideTheArchive() {
        byte[] sub = ChartArchiveBuilder.empty().file("sub/Chart.yaml", "apiVersion: v2\nname: sub\n").tgz();
        assertEquals(SOURCE + ": parent/charts/sub-1.0.0.tgz!/sub/Chart.yaml version: is missing (Helm: chart.metadata.version is"
                + " required). Add `version: <SemVer>` (e.g. 1.0.0) to Chart.yaml and re-package the chart",
                refusal(parent().file("parent/charts/sub-1.0.0.tgz", sub).tgz()));
    }

    @Test
    void aSubchartArchiveThatIsNotGzip() {
        assertEquals(SOURCE + ": parent/charts/sub-1.0.0.tgz: is not a gzip file (it does not start with the gzip magic bytes 1f 8b)."
                + " Publish the .tgz written by `helm package`, or pass the chart directory",
                refusal(parent().file("parent/charts/sub-1.0.0.tgz", "not gzip").tgz()));
    }

    @Test
    void aTruncatedSubchartArchive() {
        byte[] sub = ChartArchiveBuilder.chart("sub", "1.0.0").file("sub/README.md", "x".repeat(20_000)).tgz();
        assertEquals(SOURCE + ": parent/charts/sub-1.0.0.tgz: ends before its last file is complete: the file is truncated (cut off"
                + " while it was copied, uploaded or downloaded). Publish the complete .tgz written by `helm package` (compare its"
                + " size and SHA-256 with the original)",
                refusal(parent().file("parent/charts/sub-1.0.0.tgz", Arrays.copyOf(sub, sub.length / 2)).tgz()));
    }

    @Test
    void nestedTwoDeepTheInnerChartIsValidatedToo() {
        byte[] sub = ChartArchiveBuilder.chart("sub", "1.0.0").file("sub/charts/leaf/Chart.yaml", "apiVersion: v2\nname: leaf\nversion: x\n").tgz();
        assertEquals(SOURCE + ": parent/charts/sub-1.0.0.tgz!/sub/charts/leaf/Chart.yaml version: \"x\" is not a SemVer version (Helm:"
                + " chart.metadata.version is invalid). Set version to a SemVer 2 version such as 1.2.3 and re-package the chart",
                refusal(parent().file("parent/charts/sub-1.0.0.tgz", sub).tgz()));
    }

    @Test
    void aFileRightInChartsIsASubchartWithoutChartYamlToHelm() {
        assertEquals(SOURCE + ": parent/charts/README.md: is a file right in charts/, which Helm reads as a subchart without"
                + " Chart.yaml (Helm: error unpacking subchart: Chart.yaml file is missing). Move the file out of charts/ (it holds"
                + " only subcharts) and re-package the chart",
                refusal(ChartArchiveBuilder.chart("parent", "1.0.0").file("parent/charts/README.md", "hello").tgz()));
    }

    @Test
    void aDependencyMissingFromCharts() {
        assertEquals(SOURCE + ": parent/Chart.yaml dependencies: lists sub, which is not in charts/ (Helm: found in Chart.yaml, but"
                + " missing in charts/ directory), so helm install and helm template refuse the chart. Run `helm dependency build`"
                + " before packaging (or `helm package --dependency-update`), or remove the dependency", refusal(parent().tgz()));
    }

    @Test
    void theLimitsCountTheWholeTree() {
        ChartArchiveBuilder sub = ChartArchiveBuilder.chart("sub", "1.0.0");
        for (int i = 0; i < 12; i++) {
            sub.zeros("sub/files/part-" + i, ChartArchiveReader.MAX_DECOMPRESSED_FILE_BYTES);
        }
        ChartArchiveBuilder archive = parent().file("parent/charts/sub-1.0.0.tgz", sub.tgz());
        for (int i = 0; i < 9; i++) {
            archive.zeros("parent/files/part-" + i, ChartArchiveReader.MAX_DECOMPRESSED_FILE_BYTES);
        }
        assertEquals(SOURCE + ": archive: decompresses to more than the 100 MiB Helm accepts for a chart. Remove large files from the"
                + " chart (add them to .helmignore) and re-package it", refusal(archive.tgz()));
    }

    @Test
    void validSubchartsLoadAndTheirFilesAreNotTheParentsContent() {
        byte[] sub = ChartArchiveBuilder.chart("sub", "1.0.0").tgz();
        ChartArchive chart = new ChartArchiveReader().read(SOURCE, parent().file("parent/charts/sub-1.0.0.tgz", sub)
                .file("parent/charts/other/Chart.yaml", ChartArchiveBuilder.chartYaml("other", "2.0.0")).tgz(), Optional.empty());
        assertEquals("parent", chart.name());
        assertEquals(List.of("parent/Chart.yaml", "parent/charts/other/Chart.yaml", "parent/charts/sub-1.0.0.tgz"),
                chart.files().files().stream().map(ChartContent.File::name).toList());
        assertEquals(Sha256.hex(sub), chart.files().files().get(2).sha256());
        assertEquals("sub", chart.metadata().path("dependencies").get(0).path("name").asText());
    }
}
