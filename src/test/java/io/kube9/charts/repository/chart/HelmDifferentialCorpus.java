package io.kube9.charts.repository.chart;

import io.kube9.charts.testing.ChartArchiveBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The chart archives of the differential check against Helm: a chart made by {@code helm create} and
 * packaged by Helm 3.17 and 4.1, then edited in every way the loader cares about (metadata types and
 * values, subcharts as directories and archives nested two deep, values files, broken archives), the
 * Chart.yaml regression inputs of the fuzz targets, and the cases where this publisher is stricter
 * or more lenient than Helm on purpose, each with its reason. Built in code: no binary fixture.
 */
public final class HelmDifferentialCorpus {
    /** How our verdict relates to Helm's (Helm refuses when Helm 3.17 or 4.1 refuses); a difference gives its reason. */
    record Expectation(Relation relation, String reason) {
        enum Relation { SAME_AS_HELM, STRICTER_THAN_HELM, MORE_LENIENT_THAN_HELM }
    }

    private static final Expectation SAME = new Expectation(Expectation.Relation.SAME_AS_HELM, "");

    /**
     * @param showChart also compare our index metadata with what {@code helm show chart} prints
     */
    record Case(String id, byte[] archive, Expectation expectation, boolean showChart) {
        @Override
        public String toString() {
            return id;
        }
    }

    private final Map<String, byte[]> base;
    private final byte[] helm3Package;
    private final byte[] helm4Package;
    private final List<Case> cases = new ArrayList<>();

    /** @param helm3Package {@code helm create base} packaged by Helm 3.17; {@code helm4Package} the same by Helm 4.1 */
    HelmDifferentialCorpus(byte[] helm3Package, byte[] helm4Package) {
        this.helm3Package = helm3Package;
        this.helm4Package = helm4Package;
        this.base = entries(helm3Package);
    }

    List<Case> cases() {
        cases.clear();
        valid();
        metadataAsHelmReadsIt();
        subcharts();
        valuesAndLocks();
        brokenMetadata();
        brokenArchives();
        fuzzRegressionInputs();
        stricterOnPurpose();
        moreLenient();
        return List.copyOf(cases);
    }

    private void add(String id, byte[] archive) {
        cases.add(new Case(id, archive, SAME, false));
    }

    private void addShown(String id, byte[] archive) {
        cases.add(new Case(id, archive, SAME, true));
    }

    // ---- charts Helm loads ----

    private void valid() {
        addShown("helm create, packaged by Helm 3.17", helm3Package);
        addShown("helm create, packaged by Helm 4.1", helm4Package);
        add("minimal chart", ChartArchiveBuilder.chart("minimal", "1.0.0").tgz());
        addShown("library chart", ChartArchiveBuilder.empty().file("lib/Chart.yaml",
                "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n").file("lib/templates/_x.tpl", "{{- define \"x\" }}x{{ end }}\n").tgz());
        add("apiVersion v1 chart", withChartYaml("apiVersion: v1\nname: base\nversion: 0.1.0\n"));
        add("chart without apiVersion (Helm reads it as v1)", withChartYaml("name: base\nversion: 0.1.0\n"));
        add("Chart.yaml with a byte order mark", edited(Map.of("base/Chart.yaml",
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, base.get("base/Chart.yaml")))));
        add("symlink inside the chart (Helm reads it as an empty file)", archive(base, builder -> builder.symlink("base/files/link", "../values.yaml")));
        add("Windows path separators", withBackslashes());
        add("a file of exactly 5 MiB", archive(base, builder -> builder.zeros("base/files/blob", ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES)));
        byte[] whole = ChartArchiveBuilder.empty().file("multi/Chart.yaml", ChartArchiveBuilder.chartYaml("multi", "1.0.0")).tar();
        add("two concatenated gzip members", concat(ChartArchiveBuilder.gzip(Arrays.copyOf(whole, 512)),
                ChartArchiveBuilder.gzip(Arrays.copyOfRange(whole, 512, whole.length))));
    }

    private void metadataAsHelmReadsIt() {
        addShown("YAML numbers and booleans in string fields, nested", withChartYaml("""
                apiVersion: v2
                name: base
                version: 0.1.0
                appVersion: 1.0
                kubeVersion: ">=1.20.0-0"
                description: 1e3
                home: yes
                icon: 0x1F
                keywords: [1.50, true, on, off, 0o17, 017, 08, 1_000, 1e6, 123456, 0.0001, 0.00001, 12345678901234567890, 2024-01-31, ~]
                sources: [1, 2.5]
                maintainers:
                - name: 1.20
                  email: true
                  url: 3
                annotations:
                  a: on
                  b: 1.0
                  c: null
                condition: 1
                tags: 2
                """));
        add("NaN in a text field (Helm 3 writes \"NaN\", Helm 4 refuses NaN anywhere in Chart.yaml)",
                withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndescription: .nan\n"));
        addShown("version 1.10 written as a YAML float is 1.1 to Helm", withChartYaml("apiVersion: v2\nname: base\nversion: 1.10\n"));
        addShown("version with leading zeros (Masterminds semver reads 1.02.03; found by the differential run)",
                withChartYaml("apiVersion: v2\nname: base\nversion: 1.02.03\n"));
        add("version with a pre-release number with a leading zero", withChartYaml("apiVersion: v2\nname: base\nversion: 1.0.0-01\n"));
        add("version with an empty pre-release identifier", withChartYaml("apiVersion: v2\nname: base\nversion: 1.0.0-a..b\n"));
        add("version with numbers beyond 32 bits", withChartYaml("apiVersion: v2\nname: base\nversion: 1.0.99999999999\n"));
        addShown("explicit !!str keeps the text", withChartYaml("apiVersion: v2\nname: base\nversion: !!str 1.10\nappVersion: !!str 1.0\n"));
        addShown("white space and unprintable characters in text fields", withChartYaml(
                "apiVersion: v2\nname: \"ba\\u200Bse\"\nversion: 0.1.0\ndescription: \"a\\tb\\nc\\u0007d\\u00A0e\"\nkeywords: [\"x\\ty\"]\n"));
        addShown("anchors, aliases and merge keys", withChartYaml("""
                apiVersion: v2
                name: &name base
                version: 0.1.0
                description: *name
                annotations:
                  <<: {inherited: "1", b: "2"}
                  b: "3"
                keywords: &k [a, b]
                sources: *k
                """));
        addShown("field names in other letter case", withChartYaml("apiVersion: v2\nName: base\nVERSION: 0.1.0\nDescription: upper\n"));
        addShown("deprecated: yes", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndeprecated: yes\n"));
        addShown("unknown fields are ignored", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nfuture: {nested: [1, true]}\n"));
        addShown("dependency fields in YAML types", chartWithSubchart("""
                apiVersion: v2
                name: base
                version: 0.1.0
                dependencies:
                - name: sub
                  version: 1.0
                  repository: 2
                  condition: true
                  tags: [1, on]
                  enabled: yes
                  import-values: [1, 2.5, x, {child: a, parent: b}]
                """, directorySubchart("sub", "1.0.0")));
    }

    // ---- subcharts ----

    private void subcharts() {
        String dependsOnSub = "apiVersion: v2\nname: base\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 1.0.0\n  repository: https://charts.example.test\n";
        addShown("valid subchart directory", chartWithSubchart(dependsOnSub, directorySubchart("sub", "1.0.0")));
        add("valid subchart archive", chartWithSubchart(dependsOnSub, archiveSubchart("sub", ChartArchiveBuilder.chartYaml("sub", "1.0.0"))));
        add("subchart directory without version", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub/Chart.yaml",
                bytes("apiVersion: v2\nname: sub\n"))));
        add("subchart archive without version", chartWithSubchart(dependsOnSub, archiveSubchart("sub", "apiVersion: v2\nname: sub\n")));
        add("charts/sub.tgz that is not gzip", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub.tgz", bytes("not gzip\n"))));
        byte[] subArchive = ChartArchiveBuilder.chart("sub", "1.0.0").file("sub/README.md", "x".repeat(20_000)).tgz();
        add("charts/sub.tgz truncated", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub-1.0.0.tgz",
                Arrays.copyOf(subArchive, subArchive.length / 2))));
        byte[] nestedOk = ChartArchiveBuilder.chart("sub", "1.0.0").file("sub/charts/leaf/Chart.yaml", ChartArchiveBuilder.chartYaml("leaf", "2.0.0")).tgz();
        addShown("nested two deep, valid (archive holding a directory subchart)", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub-1.0.0.tgz", nestedOk)));
        byte[] nestedBroken = ChartArchiveBuilder.chart("sub", "1.0.0").file("sub/charts/leaf/Chart.yaml", "apiVersion: v2\nname: leaf\n").tgz();
        add("nested two deep, the inner subchart without version", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub-1.0.0.tgz", nestedBroken)));
        byte[] leafArchive = ChartArchiveBuilder.empty().file("leaf/Chart.yaml", "apiVersion: v2\nname: leaf\nversion: nope\n").tgz();
        add("nested two deep, directory holding a broken archive", chartWithSubchart(dependsOnSub, Map.of(
                "base/charts/sub/Chart.yaml", bytes(ChartArchiveBuilder.chartYaml("sub", "1.0.0")), "base/charts/sub/charts/leaf.tgz", leafArchive)));
        add("nested two deep dirs, valid", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub/Chart.yaml",
                bytes(ChartArchiveBuilder.chartYaml("sub", "1.0.0")), "base/charts/sub/charts/leaf/Chart.yaml", bytes(ChartArchiveBuilder.chartYaml("leaf", "1.0.0")))));
        add("a file right in charts/ (Helm reads it as a subchart without Chart.yaml)", edited(Map.of("base/charts/README.md", bytes("hello\n"))));
        add("charts/_private and charts/.hidden are skipped", edited(Map.of("base/charts/_private/notes.txt", bytes("x"),
                "base/charts/.hidden/Chart.yaml", bytes("not: [valid"), "base/charts/_x.tgz", bytes("not gzip"))));
        add("a .prov file in charts/ is not a subchart", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub/Chart.yaml",
                bytes(ChartArchiveBuilder.chartYaml("sub", "1.0.0")), "base/charts/sub-1.0.0.tgz.prov", bytes("signature"))));
        add("a directory named like an archive in charts/", edited(Map.of("base/charts/x.tgz/Chart.yaml", bytes(ChartArchiveBuilder.chartYaml("x", "1.0.0")))));
        add("dependency listed but not in charts/", withChartYaml(dependsOnSub));
        add("dependency present under an alias", chartWithSubchart(dependsOnSub.replace("  repository:", "  alias: db\n  repository:"),
                directorySubchart("sub", "1.0.0")));
        add("subchart with a name that is not a plain file name", chartWithSubchart(dependsOnSub, Map.of("base/charts/sub/Chart.yaml",
                bytes("apiVersion: v2\nname: a/b\nversion: 1.0.0\n"))));
        add("subchart without apiVersion (Helm reads it as v1)", chartWithSubchart("apiVersion: v2\nname: base\nversion: 0.1.0\n",
                Map.of("base/charts/old/Chart.yaml", bytes("name: old\nversion: 1.0.0\n"))));
        add("subchart with apiVersion foo (Helm 4 checks only the installed chart)", chartWithSubchart("apiVersion: v2\nname: base\nversion: 0.1.0\n",
                Map.of("base/charts/odd/Chart.yaml", bytes("apiVersion: foo\nname: odd\nversion: 1.0.0\n"))));
    }

    // ---- values.yaml, Chart.lock, requirements ----

    private void valuesAndLocks() {
        add("values.yaml with anchors and aliases", withValues("base: &b {a: 1}\nother: *b\nmerged:\n  <<: *b\n  c: 2\n"));
        add("values.yaml with two mapping documents", withValues("a: 1\n---\nb: 2\n"));
        add("values.yaml that is a list", withValues("- a\n- b\n"));
        add("values.yaml with a null key", withValues("null: 1\n"));
        add("values.yaml with NaN", withValues("a: .nan\n"));
        add("values.yaml whose second document is a list (Helm 4 reads every document)", withValues("a: 1\n---\n- x\n"));
        add("values.yaml with text after ---", withValues("--- {a: 1}\n"));
        add("values.yaml that is empty", withValues(""));
        add("an anchor name go-yaml does not allow (found by the differential run)", withValues("&'a \n"));
        add("an anchor name with a dot", withValues("a: &x.y 1\nb: *x.y\n"));
        add("Chart.lock with a time that is not RFC 3339", edited(Map.of("base/Chart.lock", bytes("generated: 2020-01-01\ndigest: x\n"))));
        add("Chart.lock that is valid", edited(Map.of("base/Chart.lock", bytes("generated: \"2020-01-01T00:00:00Z\"\ndigest: sha256:x\ndependencies: []\n"))));
        addShown("requirements.yaml of a v1 chart adds its dependencies", chartWithSubchart("apiVersion: v1\nname: base\nversion: 0.1.0\n",
                concatMaps(directorySubchart("sub", "1.0.0"), Map.of("base/requirements.yaml",
                        bytes("dependencies:\n- name: sub\n  version: 1.0.0\n  repository: https://charts.example.test\n")))));
        add("requirements.yaml with a dependency of the wrong type", edited(Map.of("base/requirements.yaml", bytes("dependencies: oops\n"))));
    }

    // ---- charts Helm refuses ----

    private void brokenMetadata() {
        add("no version", withChartYaml("apiVersion: v2\nname: base\n"));
        add("no name", withChartYaml("apiVersion: v2\nversion: 0.1.0\n"));
        add("version not SemVer", withChartYaml("apiVersion: v2\nname: base\nversion: 1.2.3.4\n"));
        add("version a mapping", withChartYaml("apiVersion: v2\nname: base\nversion: {major: 1}\n"));
        add("deprecated as text", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndeprecated: \"yes\"\n"));
        add("home as a list", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nhome: [a]\n"));
        add("annotations with a nested mapping", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nannotations: {a: {b: c}}\n"));
        add("maintainers with an empty entry", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nmaintainers:\n- ~\n"));
        add("dependencies with an empty entry", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndependencies:\n-\n"));
        add("two dependencies with one alias", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndependencies:\n"
                + "- {name: a, repository: r, alias: x}\n- {name: b, repository: r, alias: x}\n"));
        add("invalid dependency alias", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndependencies:\n- {name: a, alias: a.b}\n"));
        add("type plugin", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ntype: plugin\n"));
        add("apiVersion foo (Helm 4 installs only v1 and v2)", withChartYaml("apiVersion: foo\nname: base\nversion: 0.1.0\n"));
        add("apiVersion v3 (Helm 4: invalid chart apiVersion)", withChartYaml("apiVersion: v3\nname: base\nversion: 0.1.0\n"));
        add("name .. (Helm 4 refuses it)", withChartYaml("apiVersion: v2\nname: \"..\"\nversion: 0.1.0\n"));
        add("name with a trailing slash", withChartYaml("apiVersion: v2\nname: base/\nversion: 0.1.0\n"));
        add("an unknown field holding NaN", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nfuture: .inf\n"));
        add("a mapping key that is null", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nfuture: {~: 1}\n"));
        add("invalid YAML in Chart.yaml", withChartYaml("apiVersion: v2\nname: [base\n"));
        add("Chart.yaml that is a list", withChartYaml("- apiVersion\n- name\n"));
        add("empty Chart.yaml", withChartYaml(""));
        StringBuilder laughs = new StringBuilder("apiVersion: v2\nname: base\nversion: 0.1.0\nl0: &l0 [a,a,a,a,a,a,a,a,a]\n");
        for (int level = 1; level <= 5; level++) {
            laughs.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
        }
        add("aliases that expand 9^6 times (Helm: excessive aliasing)", withChartYaml(laughs.toString()));
        add("an alias to an unknown anchor", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\ndescription: *nothing\n"));
        add("no Chart.yaml", without("base/Chart.yaml"));
    }

    private void brokenArchives() {
        add("not gzip", bytes("apiVersion: v2\nname: base\n"));
        add("plain tar", ChartArchiveBuilder.chart("plain", "1.0.0").tar());
        add("gzip holding no tar", ChartArchiveBuilder.gzip(bytes("not a tar stream at all ".repeat(100))));
        byte[] big = archive(base, builder -> builder.file("base/README.md", "x".repeat(200_000)));
        add("truncated to half", Arrays.copyOf(big, big.length / 2));
        add("parent directory path", archive(base, builder -> builder.file("base/../../evil", "x")));
        add("absolute path inside the chart directory", archive(base, builder -> builder.file("base//etc/evil", "x")));
        add("Chart.yaml at the archive root", ChartArchiveBuilder.empty().file("Chart.yaml", ChartArchiveBuilder.chartYaml("root", "1.0.0")).tgz());
        add("a file over 5 MiB", archive(base, builder -> builder.zeros("base/files/blob", ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES + 1)));
        add("more than 100 MiB in one archive", archive(base, builder -> {
            for (int i = 0; i < 21; i++) {
                builder.zeros("base/files/part-" + i, ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES);
            }
        }));
    }

    /** The Chart.yaml inputs the fuzz targets keep as regression tests, each as a chart's Chart.yaml. */
    private void fuzzRegressionInputs() {
        Path inputs = Path.of("src/test/resources/io/kube9/charts/publishing/chart/ChartYamlFuzzTestInputs/indexesOrRefusesNamingChartYaml");
        try (Stream<Path> files = Files.list(inputs)) {
            for (Path input : files.sorted().toList()) {
                add("fuzz input " + input.getFileName(), ChartArchiveBuilder.empty().file("demo/Chart.yaml", Files.readAllBytes(input))
                        .file("demo/values.yaml", "replicaCount: 1\n").tgz());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stricterOnPurpose() {
        stricter("two top-level directories", archive(base, builder -> builder.file("other/README.md", "x")),
                "`helm package` writes one directory; Helm would silently merge the two into one chart");
        stricter("absolute path", archive(base, builder -> builder.file("/etc/evil", "x")),
                "Helm strips the empty first component and reads etc/evil, but tar -P and older unpackers write to /etc/evil");
        stricter("symlink pointing outside the chart", archive(base, builder -> builder.symlink("base/files/passwd", "../../../etc/passwd")),
                "Helm reads a link as an empty file, but `tar -x` and other tools that unpack charts would follow it");
        stricter("a file entry whose name ends in / (found by fuzzing)", archive(base, builder -> builder.file("base/files/\u0000x", "data")),
                "Go's tar reader reads it as a file, commons-compress (and other unpackers) as a directory without its data,"
                        + " so they disagree about every entry after it");
        byte[] crc = archive(base, builder -> {});
        crc[crc.length - 6] ^= 0x01; // the gzip trailer's CRC32
        stricter("the gzip checksum does not match (found by the differential run)", crc,
                "Helm stops at the tar end marker and never reads the gzip trailer; a damaged file is refused, whatever the damage");
        stricter("a tab after a key's colon (found by the differential run)", withChartYaml("apiVersion: v2\nname:\tbase\nversion: 0.1.0\n"),
                "not on purpose: a limit of the YAML parser used here (SnakeYAML refuses the tab, go-yaml reads it as a space);"
                        + " the message names the line, and a space instead of the tab fixes it");
        stricter("a library chart with a dependency missing from charts/ (found by the differential run)", ChartArchiveBuilder.empty()
                .file("lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\ndependencies:\n- name: common\n"
                        + "  repository: https://charts.example.test\n").tgz(),
                "`helm package` refuses it as it refuses any chart with a missing dependency; Helm never installs a library, so"
                        + " `helm template` stops before the dependency check");
        byte[] reservedFlag = archive(base, builder -> {});
        reservedFlag[3] |= (byte) 0x80; // a reserved bit of the gzip header's flags
        stricter("a gzip header with a reserved flag set (found by the differential run)", reservedFlag,
                "Go's gzip reader ignores the reserved flags; gzip itself and commons-compress refuse the file as damaged");
        stricter("named pipe in the archive", archive(base, builder -> builder.fifo("base/files/pipe")),
                "Helm reads it as an empty file; unpacking the archive with tar would create a pipe");
        stricter("duplicate key in Chart.yaml", withChartYaml("apiVersion: v2\nname: base\nversion: 0.1.0\nversion: 0.2.0\n"),
                "YAML forbids duplicate keys; Helm takes the last one, other readers (Artifact Hub, editors) may take the first");
        stricter("name with a backslash", withChartYaml("apiVersion: v2\nname: a\\b\nversion: 0.1.0\n"),
                "the name becomes the package file name a-b... with a path separator on Windows clients");
        stricter("more than 100 MiB across the chart and its subchart archive", archive(base, builder -> {
            for (int i = 0; i < 9; i++) {
                builder.zeros("base/files/part-" + i, ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES);
            }
            builder.file("base/charts/big-1.0.0.tgz", bigSubchart());
        }),
                "the limit is counted across the whole tree (Helm counts 100 MiB per archive, so nesting multiplies it)");
        stricter("more than " + ArchiveLimits.MAX_FILES + " files", archive(base, builder -> {
            for (int i = 0; i <= ArchiveLimits.MAX_FILES; i++) {
                builder.file("base/files/f" + i, "");
            }
        }), "Helm has no bound on the number of files; this one keeps memory and time bounded");
        StringBuilder deep = new StringBuilder("base/");
        Map<String, byte[]> nested = new LinkedHashMap<>();
        for (int level = 0; level <= ArchiveLimits.MAX_DEPTH; level++) {
            deep.append("charts/c").append(level).append('/');
            nested.put(deep + "Chart.yaml", bytes(ChartArchiveBuilder.chartYaml("c" + level, "1.0.0")));
        }
        stricter("subcharts nested " + (ArchiveLimits.MAX_DEPTH + 1) + " levels deep", chartWithSubchart(
                "apiVersion: v2\nname: base\nversion: 0.1.0\n", nested), "Helm has no bound on nesting; this one keeps the recursion bounded");
    }

    private void moreLenient() {
        cases.add(new Case("a template that does not parse", edited(Map.of("base/templates/broken.yaml", bytes("{{ .Values.x \n"))),
                new Expectation(Expectation.Relation.MORE_LENIENT_THAN_HELM, "templates are rendered at install time, with the user's values; the publisher does not render them"
                        + " (`helm lint --strict` in the release workflow does)"), false));
        cases.add(new Case("values.schema.json that is not JSON", edited(Map.of("base/values.schema.json", bytes("{not json"))),
                new Expectation(Expectation.Relation.MORE_LENIENT_THAN_HELM, "the schema is applied to the user's values at install time; the publisher does not evaluate it"
                        + " (`helm lint --strict` does)"), false));
    }

    private void stricter(String id, byte[] archive, String reason) {
        cases.add(new Case(id, archive, new Expectation(Expectation.Relation.STRICTER_THAN_HELM, reason), false));
    }

    // ---- building archives ----

    /** A subchart archive of 60 MiB decompressed (zeros, so about 60 KiB compressed). */
    private static byte[] bigSubchart() {
        ChartArchiveBuilder builder = ChartArchiveBuilder.chart("big", "1.0.0");
        for (int i = 0; i < 12; i++) {
            builder.zeros("big/files/part-" + i, ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES);
        }
        return builder.tgz();
    }

    private byte[] withChartYaml(String chartYaml) {
        return edited(Map.of("base/Chart.yaml", bytes(chartYaml)));
    }

    /** A small chart (its template uses no values) with the given values.yaml. */
    private static byte[] withValues(String values) {
        return ChartArchiveBuilder.empty().file("small/Chart.yaml", ChartArchiveBuilder.chartYaml("small", "1.0.0"))
                .file("small/values.yaml", values).file("small/templates/configmap.yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n").tgz();
    }

    private byte[] chartWithSubchart(String chartYaml, Map<String, byte[]> subchartFiles) {
        Map<String, byte[]> files = new LinkedHashMap<>(subchartFiles);
        files.put("base/Chart.yaml", bytes(chartYaml));
        return edited(files);
    }

    private static Map<String, byte[]> directorySubchart(String name, String version) {
        return Map.of("base/charts/" + name + "/Chart.yaml", bytes(ChartArchiveBuilder.chartYaml(name, version)),
                "base/charts/" + name + "/values.yaml", bytes("enabled: true\n"));
    }

    private static Map<String, byte[]> archiveSubchart(String name, String chartYaml) {
        return Map.of("base/charts/" + name + "-1.0.0.tgz", ChartArchiveBuilder.empty().file(name + "/Chart.yaml", chartYaml)
                .file(name + "/values.yaml", "enabled: true\n").tgz());
    }

    /** The base chart with files replaced or added. */
    private byte[] edited(Map<String, byte[]> changes) {
        return archive(concatMaps(base, changes), builder -> {});
    }

    private byte[] without(String name) {
        Map<String, byte[]> files = new LinkedHashMap<>(base);
        files.remove(name);
        return archive(files, builder -> {});
    }

    private byte[] withBackslashes() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        base.forEach((name, content) -> files.put(name.replace('/', '\\'), content));
        return archive(files, builder -> {});
    }

    private static byte[] archive(Map<String, byte[]> files, java.util.function.Consumer<ChartArchiveBuilder> more) {
        ChartArchiveBuilder builder = ChartArchiveBuilder.empty();
        files.forEach(builder::file);
        more.accept(builder);
        return builder.tgz();
    }

    private static Map<String, byte[]> concatMaps(Map<String, byte[]> first, Map<String, byte[]> second) {
        Map<String, byte[]> all = new LinkedHashMap<>(first);
        all.putAll(second);
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The files of a package, by entry name, in archive order. */
    public static Map<String, byte[]> entries(byte[] tgz) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
