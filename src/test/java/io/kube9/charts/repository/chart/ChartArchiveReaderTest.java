package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Every archive Helm's loader refuses is refused here, with a message naming the file, the field and the fix. */
class ChartArchiveReaderTest {
    private static final String SOURCE = "bad-1.0.0.tgz";

    private static void assertRejected(byte[] archive, String expectedMessage) {
        ChartValidationException failure = assertThrows(ChartValidationException.class,
                () -> new ChartArchiveReader().read(SOURCE, archive, Optional.empty()));
        assertEquals(expectedMessage, failure.getMessage());
    }

    private static byte[] chartYaml(String chartYaml) {
        return ChartArchiveBuilder.empty().file("bad/Chart.yaml", chartYaml).tgz();
    }

    private static ChartArchiveBuilder validChartYaml() {
        return ChartArchiveBuilder.empty().file("bad/Chart.yaml", ChartArchiveBuilder.chartYaml("bad", "1.0.0"));
    }

    @Test
    void readsAValidChartWithItsDigestAndMetadata() {
        byte[] archive = TestCharts.packageOf("demo", "1.2.3");
        ChartArchive chart = new ChartArchiveReader().read("demo-1.2.3.tgz", archive, Optional.empty());
        assertEquals("demo", chart.name());
        assertEquals("1.2.3", chart.version());
        assertEquals("demo-1.2.3.tgz", chart.packageKey());
        assertEquals(Sha256.hex(archive), chart.digest());
        assertEquals(64, chart.digest().length());
    }

    /**
     * `helm package` writes a gzip header extra field (a base64 string) that is not laid out as RFC 1952 subfields; Go's
     * reader skips it, and so must this one (commons-compress 1.28.0 refuses it: the pom stays on 1.27.1).
     */
    @Test
    void readsTheGzipHeaderExtraFieldOfHelmPackage() {
        byte[] archive = gzipWithExtraField(ChartArchiveBuilder.chart("demo", "1.2.3").tar(),
                "+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=".getBytes(StandardCharsets.US_ASCII));

        ChartArchive chart = new ChartArchiveReader().read("demo-1.2.3.tgz", archive, Optional.empty());

        assertEquals("1.2.3", chart.version());
    }

    private static byte[] gzipWithExtraField(byte[] content, byte[] extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, (byte) extra.length, (byte) (extra.length >> 8)});
        out.writeBytes(extra);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        for (long value : new long[] {crc.getValue(), content.length}) {
            out.writeBytes(new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
        }
        return out.toByteArray();
    }

    @Test
    void notGzip() {
        assertRejected("apiVersion: v2".getBytes(StandardCharsets.UTF_8), SOURCE + ": archive: is not a gzip file (it does not"
                + " start with the gzip magic bytes 1f 8b). Publish the .tgz written by `helm package`, or pass the chart directory");
    }

    @Test
    void gzipButNotTar() {
        byte[] gzip = ChartArchiveBuilder.empty().tgz();
        byte[] truncated = Arrays.copyOf(gzip, 12);
        ChartValidationException failure = assertThrows(ChartValidationException.class,
                () -> new ChartArchiveReader().read(SOURCE, truncated, Optional.empty()));
        assertEquals(SOURCE, failure.file());
        assertEquals("archive", failure.field());
    }

    @Test
    void missingChartYaml() {
        assertRejected(ChartArchiveBuilder.empty().file("bad/values.yaml", "a: 1\n").tgz(), SOURCE + ": bad/Chart.yaml: is missing (Helm: Chart.yaml"
                + " file is missing). Put Chart.yaml in bad/ and re-package the chart");
    }

    @Test
    void chartYamlAtTheArchiveRoot() {
        assertRejected(ChartArchiveBuilder.empty().file("Chart.yaml", ChartArchiveBuilder.chartYaml("bad", "1.0.0")).tgz(), SOURCE + ": Chart.yaml: is at the"
                + " archive root, not in the chart directory (Helm: chart yaml not in base directory). Re-package the chart"
                + " with `helm package`, which puts every file under <chart name>/");
    }

    @Test
    void twoTopLevelDirectories() {
        assertRejected(ChartArchiveBuilder.chart("bad", "1.0.0").file("other/values.yaml", "a: 1\n").tgz(), SOURCE + ": other/values.yaml: is outside the chart directory bad/ (the archive has"
                + " more than one top-level directory). Re-package the chart with `helm package`: a chart archive holds"
                + " exactly one directory");
    }

    @Test
    void parentDirectoryPath() {
        assertRejected(validChartYaml().file("bad/../../etc/passwd", "x").tgz(),
                SOURCE + ": bad/../../etc/passwd: points into a parent directory (Helm: chart illegally references parent"
                        + " directory). Re-package the chart with `helm package`; archives must not contain .. paths");
    }

    @Test
    void absolutePath() {
        assertRejected(validChartYaml().file("bad//etc/passwd", "x").tgz(),
                SOURCE + ": bad//etc/passwd: is an absolute path (Helm: chart illegally contains absolute paths). Re-package"
                        + " the chart with `helm package`; archives must hold relative paths only");
    }

    @Test
    void driveLetterPath() {
        assertRejected(validChartYaml().file("bad\\c:\\evil.txt", "x").tgz(),
                SOURCE + ": bad\\c:\\evil.txt: is a drive-letter path (Helm: chart contains illegally named files)."
                        + " Re-package the chart with `helm package` on a system that writes relative paths");
    }

    /**
     * Found by SubchartArchiveFuzzTest: a NUL in an entry name makes a regular file entry read as "files/"; commons-compress
     * took it for a directory and skipped none of its data, so the entries after it silently disappeared (Helm reads them).
     */
    @Test
    void aFileEntryNamedLikeADirectoryIsRefusedInsteadOfHidingWhatFollows() {
        assertRejected(validChartYaml().file("bad/files/\u0000x", "data").file("bad/templates/after.yaml", "x").tgz(),
                SOURCE + ": bad/files/: is named like a directory (ending in /) but is stored as another kind of entry (tar type '0'),"
                        + " which tar readers disagree about. Re-package the chart with `helm package`");
    }

    @Test
    void symbolicLinkOutOfTheChart() {
        byte[] archive = validChartYaml().symlink("bad/templates/secret.yaml", "../../../home/user/.kube/config").tgz();
        assertRejected(archive, SOURCE + ": bad/templates/secret.yaml: is a link to ../../../home/user/.kube/config,"
                + " outside the chart. Re-package the chart with `helm package`; it stores the content of linked files instead of links");
    }

    @Test
    void fileLargerThanFiveMebibytes() {
        byte[] archive = validChartYaml().zeros("bad/files/blob.bin", ChartArchiveReader.MAX_DECOMPRESSED_FILE_BYTES + 1).tgz();
        assertRejected(archive, SOURCE + ": bad/files/blob.bin: decompresses to more than the 5 MiB Helm accepts for one"
                + " file in a chart. Remove the file from the chart (add it to .helmignore) and re-package it");
    }

    @Test
    void chartLargerThanOneHundredMebibytesInTotal() {
        ChartArchiveBuilder builder = validChartYaml();
        for (int i = 0; i < 26; i++) {
            builder.zeros("bad/files/part-" + i + ".bin", 4 * 1024 * 1024);
        }
        byte[] archive = builder.tgz();
        assertRejected(archive, SOURCE + ": archive: decompresses to more than the 100 MiB Helm accepts for a chart."
                + " Remove large files from the chart (add them to .helmignore) and re-package it");
    }

    @Test
    void chartYamlNotYaml() {
        ChartValidationException failure = assertThrows(ChartValidationException.class,
                () -> new ChartArchiveReader().read(SOURCE, chartYaml("name: [unclosed\n"), Optional.empty()));
        assertEquals("bad/Chart.yaml", failure.field());
        assertEquals(true, failure.getMessage().startsWith(SOURCE + ": bad/Chart.yaml: is not valid YAML ("));
        assertEquals(true, failure.getMessage().endsWith("). Fix the YAML syntax (try `helm lint`) and re-package the chart"));
    }

    @Test
    void chartYamlNotAMapping() {
        assertRejected(chartYaml("- a\n- b\n"), SOURCE + ": bad/Chart.yaml: is not a YAML mapping of chart fields. Write"
                + " Chart.yaml as `apiVersion: v2`, `name: ...`, `version: ...` and re-package the chart");
    }

    @Test
    void missingApiVersionIsReadAsV1AsHelmReadsIt() {
        ChartArchive chart = new ChartArchiveReader().read(SOURCE, chartYaml("name: bad\nversion: 1.0.0\n"), Optional.empty());
        assertEquals("v1", chart.metadata().path("apiVersion").asText());
    }

    @Test
    void missingName() {
        assertRejected(chartYaml("apiVersion: v2\nversion: 1.0.0\n"), SOURCE + ": bad/Chart.yaml name: is missing (Helm:"
                + " chart.metadata.name is required). Add `name: <chart name>` to Chart.yaml and re-package the chart");
    }

    @Test
    void missingVersion() {
        assertRejected(chartYaml("apiVersion: v2\nname: bad\n"), SOURCE + ": bad/Chart.yaml version: is missing (Helm:"
                + " chart.metadata.version is required). Add `version: <SemVer>` (e.g. 1.0.0) to Chart.yaml and re-package the chart");
    }

    @Test
    void nameWithAPathSeparator() {
        assertRejected(chartYaml("apiVersion: v2\nname: ../evil\nversion: 1.0.0\n"), SOURCE + ": bad/Chart.yaml name:"
                + " \"../evil\" is not usable as a file name (Helm: chart.metadata.name is invalid). Use a plain name such"
                + " as my-chart (lowercase letters, digits and dashes) and re-package the chart");
    }

    @Test
    void versionNotSemVer() {
        assertRejected(chartYaml("apiVersion: v2\nname: bad\nversion: 1.2.3.4\n"), SOURCE + ": bad/Chart.yaml version:"
                + " \"1.2.3.4\" is not a SemVer version (Helm: chart.metadata.version is invalid). Set version to a SemVer 2"
                + " version such as 1.2.3 and re-package the chart");
    }

    @Test
    void unknownChartType() {
        assertRejected(chartYaml("apiVersion: v2\nname: bad\nversion: 1.0.0\ntype: plugin\n"), SOURCE + ": bad/Chart.yaml type:"
                + " \"plugin\" is not a chart type (Helm: chart.metadata.type must be application or library). Set type to"
                + " application or library, or remove it, and re-package the chart");
    }

    @Test
    void invalidDependencyAlias() {
        assertRejected(chartYaml("apiVersion: v2\nname: bad\nversion: 1.0.0\ndependencies:\n- name: db\n  alias: my.db\n"),
                SOURCE + ": bad/Chart.yaml dependencies alias: \"my.db\" is not a valid alias (Helm: dependency alias must"
                        + " contain only letters, digits, - and _). Rename the alias and re-package the chart");
    }

    @Test
    void valuesYamlNotYaml() {
        ChartValidationException failure = assertThrows(ChartValidationException.class, () -> new ChartArchiveReader()
                .read(SOURCE, validChartYaml().file("bad/values.yaml", "a: [\n").tgz(), Optional.empty()));
        assertEquals("bad/values.yaml", failure.field());
    }

    /** go-yaml's bound on alias expansion, as Helm applies it: a "billion laughs" is refused, small aliases are expanded. */
    @Test
    void aliasesAreExpandedWithinGoYamlsBound() {
        String bomb = "apiVersion: v2\nname: bad\nversion: 1.0.0\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
        assertRejected(chartYaml(bomb), "bad-1.0.0.tgz: bad/Chart.yaml: is not valid YAML (contains excessive aliasing (its aliases"
                + " expand to far more than the document holds)). Fix the YAML syntax (try `helm lint`) and re-package the chart");
        ChartArchive chart = new ChartArchiveReader().read(SOURCE,
                chartYaml("apiVersion: v2\nname: &n bad\nversion: 1.0.0\ndescription: *n\n"), Optional.empty());
        assertEquals("bad", chart.metadata().path("description").asText());
    }

    /** Helm's YAML library turns a number in a string field into Go's float32 text: `version: 1.10` is "1.1" to Helm. */
    @Test
    void numbersInStringFieldsAreReadAsHelmReadsThem() {
        ChartArchive chart = new ChartArchiveReader().read(SOURCE,
                chartYaml("apiVersion: v2\nname: bad\nversion: 1.10\nappVersion: 1.0\nkubeVersion: 1e3\nkeywords: [on, 0x1F, 1e6]\n"),
                Optional.empty());
        assertEquals("1.1", chart.version());
        assertEquals("\"1\"", chart.metadata().get("appVersion").toString());
        assertEquals("\"1000\"", chart.metadata().get("kubeVersion").toString());
        assertEquals("[\"true\",\"31\",\"1e+06\"]", chart.metadata().get("keywords").toString());
    }

    @Test
    void deepNestingIsRefusedWithinBounds() {
        String deep = "apiVersion: v2\nname: bad\nversion: 1.0.0\nx: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
        assertRejected(chartYaml(deep), SOURCE + ": bad/Chart.yaml: is not valid YAML (nests deeper than 1000 levels at line 4)."
                + " Fix the YAML syntax (try `helm lint`) and re-package the chart");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        assertRejected(chartYaml("apiVersion: v2\nname: bad\nversion: 1.0.0\nmaintainers:\n- name: x\n  email: [a]\n"),
                SOURCE + ": bad/Chart.yaml maintainers[0].email: is a list, but Helm reads it as text (Helm: cannot load Chart.yaml)."
                        + " Write maintainers[0].email in the form Helm expects (quote text values) and re-package the chart");
    }

    @Test
    void aTruncatedArchiveSaysSoWithoutNull() {
        byte[] whole = ChartArchiveBuilder.chart("bad", "1.0.0").file("bad/README.md", "x".repeat(20_000)).tgz();
        assertRejected(Arrays.copyOf(whole, whole.length / 2), SOURCE + ": archive: ends before its last file is complete: the file"
                + " is truncated (cut off while it was copied, uploaded or downloaded). Publish the complete .tgz written by"
                + " `helm package` (compare its size and SHA-256 with the original)");
    }

    @Test
    void damagedCompressedDataSaysSo() {
        byte[] archive = ChartArchiveBuilder.chart("bad", "1.0.0").file("bad/README.md", "some text ".repeat(2_000)).tgz();
        for (int i = 20; i < 60; i++) {
            archive[i] ^= 0x5A;
        }
        ChartValidationException failure = assertThrows(ChartValidationException.class,
                () -> new ChartArchiveReader().read(SOURCE, archive, Optional.empty()));
        assertEquals("archive", failure.field());
        assertTrue(failure.getMessage().startsWith(SOURCE + ": archive: is damaged: its gzip-compressed data is corrupt"), failure.getMessage());
        assertFalse(failure.getMessage().contains("null") || failure.getMessage().contains("Exception"), failure.getMessage());
    }

    @Test
    void provenanceForOtherBytes() {
        byte[] archive = TestCharts.packageOf("demo", "1.0.0");
        byte[] prov = ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: demo\n\n...\nfiles:\n  demo-1.0.0.tgz: sha256:0000\n"
                + "-----BEGIN PGP SIGNATURE-----\n\nwsBc\n-----END PGP SIGNATURE-----\n").getBytes(StandardCharsets.UTF_8);
        ChartValidationException failure = assertThrows(ChartValidationException.class,
                () -> new ChartArchiveReader().read("demo-1.0.0.tgz", archive, Optional.of(prov)));
        assertEquals("demo-1.0.0.tgz.prov: files: lists demo-1.0.0.tgz with sha256:0000, but the package has sha256:" + Sha256.hex(archive)
                + ", so `helm pull --verify` would reject the chart. Sign the exact package you publish (`helm package"
                + " --sign`) and keep the .prov beside it", failure.getMessage());
    }
}
