package io.kube9.charts.reliability;

import static io.kube9.charts.testing.ChartArchiveBuilder.chart;
import static io.kube9.charts.testing.ChartArchiveBuilder.chartYaml;

import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.testing.ChartArchiveBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The hostile and broken inputs, built in code: chart archives, provenance files, corrupt or hostile
 * {@code index.yaml} objects planted in the bucket, and invalid publisher configuration (options).
 * Each case knows the exit code and the message the publisher must give.
 */
final class HostileInputs {
    static final String CHART = "mychart";
    static final String FILE = "mychart-1.0.0.tgz";
    static final int USAGE = 2;
    static final int VALIDATION = 3;
    static final int CONFLICT = 4;

    private HostileInputs() {}

    /** Where a case runs: a directory for chart files and the bucket it must leave untouched. */
    interface Workspace {
        Path directory();

        S3Client s3();

        String bucket();

        default Path write(String name, byte[] content) {
            try {
                Path file = directory().resolve(name);
                Files.createDirectories(file.getParent());
                return Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        default void plant(String key, byte[] content) {
            s3().putObject(b -> b.bucket(bucket()).key(key), RequestBody.fromBytes(content));
        }
    }

    /** Prepares the inputs and returns the arguments after {@code publish <store options>}. */
    interface Setup {
        List<String> prepare(Workspace workspace);
    }

    /**
     * @param expected the message after "error: ", naming the file and the problem; a digest that
     *                 differs per run is written as {@code <digest>}
     * @param bomb     run with a small heap in a separate JVM (memory must stay bounded)
     */
    record Case(String id, Setup setup, int exitCode, String expected, boolean bomb, boolean replacesStoreOptions) {
        @Override
        public String toString() {
            return id;
        }
    }

    private static Case archive(String id, Supplier<byte[]> tgz, String expected) {
        return new Case(id, ws -> List.of(ws.write(FILE, tgz.get()).toString()), VALIDATION, FILE + ": " + expected, false, false);
    }

    private static Case bomb(String id, Supplier<byte[]> tgz, String expected) {
        return new Case(id, ws -> List.of(ws.write(FILE, tgz.get()).toString()), VALIDATION, FILE + ": " + expected, true, false);
    }

    private static Case chartYamlCase(String id, String chartYaml, String expected) {
        return archive(id, () -> ChartArchiveBuilder.empty().file(CHART + "/Chart.yaml", chartYaml).tgz(), expected);
    }

    private static Case index(String id, byte[] index, String expected) {
        return new Case(id, ws -> {
            ws.plant("index.yaml", index);
            return List.of(ws.write(FILE, chart(CHART, "1.0.0").tgz()).toString());
        }, CONFLICT, expected, false, false);
    }

    private static Case bombIndex(String id, byte[] index, String expected) {
        Case small = index(id, index, expected);
        return new Case(small.id(), small.setup(), small.exitCode(), small.expected(), true, false);
    }

    private static Case options(String id, List<String> arguments, String expected) {
        return new Case(id, ws -> {
            List<String> all = new ArrayList<>(arguments);
            all.add(ws.write(FILE, chart(CHART, "1.0.0").tgz()).toString());
            return all;
        }, USAGE, expected, false, true);
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // --- archive structure
        cases.add(archive("path traversal inside the chart", () -> chart(CHART, "1.0.0").file(CHART + "/../../evil.sh", "#!/bin/sh").tgz(),
                "mychart/../../evil.sh: points into a parent directory (Helm: chart illegally references parent directory)"));
        cases.add(archive("path traversal as the top-level directory", () -> chart(CHART, "1.0.0").file("../evil.sh", "#!/bin/sh").tgz(),
                "../evil.sh: is outside the chart directory mychart/ (the archive has more than one top-level directory)"));
        cases.add(archive("absolute path", () -> chart(CHART, "1.0.0").file("/etc/cron.d/evil", "* * * * * root true").tgz(),
                "/etc/cron.d/evil: is an absolute path (Helm: chart illegally contains absolute paths)"));
        cases.add(archive("absolute path inside the chart directory", () -> chart(CHART, "1.0.0").file(CHART + "//etc/passwd", "root").tgz(),
                "mychart//etc/passwd: is an absolute path (Helm: chart illegally contains absolute paths)"));
        cases.add(archive("drive-letter path", () -> chart(CHART, "1.0.0").file(CHART + "/C:/Windows/evil.dll", "MZ").tgz(),
                "mychart/C:/Windows/evil.dll: is a drive-letter path (Helm: chart contains illegally named files)"));
        cases.add(archive("symlink pointing outside the chart", () -> chart(CHART, "1.0.0").symlink(CHART + "/templates/passwd", "../../../etc/passwd").tgz(),
                "mychart/templates/passwd: is a link to ../../../etc/passwd, outside the chart"));
        cases.add(archive("symlink with an absolute target", () -> chart(CHART, "1.0.0").symlink(CHART + "/shadow", "/etc/shadow").tgz(),
                "mychart/shadow: is a link to /etc/shadow, outside the chart"));
        cases.add(archive("hardlink pointing outside the chart", () -> chart(CHART, "1.0.0").hardlink(CHART + "/hosts", "../../etc/hosts").tgz(),
                "mychart/hosts: is a link to ../../etc/hosts, outside the chart"));
        cases.add(archive("several top-level directories", () -> chart(CHART, "1.0.0").file("other/README.md", "# other").tgz(),
                "other/README.md: is outside the chart directory mychart/ (the archive has more than one top-level directory)"));
        cases.add(archive("Chart.yaml at the archive root", () -> ChartArchiveBuilder.empty().file("Chart.yaml", chartYaml(CHART, "1.0.0")).tgz(),
                "Chart.yaml: is at the archive root, not in the chart directory (Helm: chart yaml not in base directory)"));
        cases.add(archive("missing Chart.yaml", () -> ChartArchiveBuilder.empty().file(CHART + "/values.yaml", "a: 1\n").tgz(),
                "mychart/Chart.yaml: is missing (Helm: Chart.yaml file is missing)"));
        cases.add(archive("device file", () -> chart(CHART, "1.0.0").fifo(CHART + "/pipe").tgz(),
                "mychart/pipe: is not a regular file"));
        // --- Chart.yaml content
        cases.add(chartYamlCase("Chart.yaml with invalid YAML syntax", "apiVersion: v2\nname: [mychart\n", "mychart/Chart.yaml: is not valid YAML ("));
        cases.add(chartYamlCase("Chart.yaml that is a list", "- apiVersion\n- name\n", "mychart/Chart.yaml: is not a YAML mapping of chart fields"));
        cases.add(chartYamlCase("zero-byte Chart.yaml", "", "mychart/Chart.yaml: is not a YAML mapping of chart fields (it is empty)"));
        cases.add(chartYamlCase("Chart.yaml without name", "apiVersion: v2\nversion: 1.0.0\n",
                "mychart/Chart.yaml name: is missing (Helm: chart.metadata.name is required)"));
        cases.add(chartYamlCase("Chart.yaml without version", "apiVersion: v2\nname: mychart\n",
                "mychart/Chart.yaml version: is missing (Helm: chart.metadata.version is required)"));
        cases.add(chartYamlCase("version of the wrong type", "apiVersion: v2\nname: mychart\nversion: {major: 1}\n",
                "mychart/Chart.yaml version: is a mapping, but Helm reads it as text (Helm: cannot load Chart.yaml)"));
        cases.add(chartYamlCase("non-SemVer version", "apiVersion: v2\nname: mychart\nversion: latest\n",
                "mychart/Chart.yaml version: \"latest\" is not a SemVer version (Helm: chart.metadata.version is invalid)"));
        cases.add(chartYamlCase("four-part version", "apiVersion: v2\nname: mychart\nversion: 1.2.3.4\n",
                "mychart/Chart.yaml version: \"1.2.3.4\" is not a SemVer version (Helm: chart.metadata.version is invalid)"));
        cases.add(chartYamlCase("name that is a path", "apiVersion: v2\nname: ../evil\nversion: 1.0.0\n",
                "mychart/Chart.yaml name: \"../evil\" is not usable as a file name (Helm: chart.metadata.name is invalid)"));
        cases.add(chartYamlCase("invalid chart type", "apiVersion: v2\nname: mychart\nversion: 1.0.0\ntype: sometimes\n",
                "mychart/Chart.yaml type: \"sometimes\" is not a chart type (Helm: chart.metadata.type must be application or library)"));
        cases.add(chartYamlCase("duplicate key in Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 1.0.0\nversion: 2.0.0\n",
                "mychart/Chart.yaml: is not valid YAML (has the key version twice (line 4)"));
        cases.add(chartYamlCase("Chart.yaml with YAML aliases built to expand", billionLaughs("apiVersion: v2\nname: mychart\nversion: 1.0.0\n"),
                "mychart/Chart.yaml: is not valid YAML (contains excessive aliasing (its aliases expand to far more than the document holds))"));
        cases.add(archive("invalid values.yaml", () -> ChartArchiveBuilder.empty()
                        .file(CHART + "/Chart.yaml", chartYaml(CHART, "1.0.0")).file(CHART + "/values.yaml", "a: [1\n").tgz(),
                "mychart/values.yaml: is not valid YAML ("));
        cases.add(new Case("file name not matching the chart inside", ws -> List.of(ws.write(FILE, chart("otherchart", "2.0.0").tgz()).toString()),
                VALIDATION, FILE + ": file name: does not match the chart inside (otherchart 2.0.0, packaged by helm as otherchart-2.0.0.tgz)",
                false, false));
        // --- compression
        cases.add(archive("not gzip", () -> "apiVersion: v2\nname: mychart\n".getBytes(StandardCharsets.UTF_8),
                "archive: is not a gzip file (it does not start with the gzip magic bytes 1f 8b)"));
        cases.add(archive("uncompressed tar", () -> chart(CHART, "1.0.0").tar(),
                "archive: is not a gzip file (it does not start with the gzip magic bytes 1f 8b)"));
        cases.add(archive("zero-byte archive", () -> new byte[0],
                "archive: is not a gzip file (it does not start with the gzip magic bytes 1f 8b)"));
        cases.add(archive("truncated gzip", () -> {
            byte[] whole = chart(CHART, "1.0.0").file(CHART + "/README.md", "x".repeat(20_000)).tgz();
            return Arrays.copyOf(whole, whole.length / 2);
        }, "archive: ends before its last file is complete: the file is truncated (cut off while it was copied, uploaded or downloaded)"));
        cases.add(archive("gzip holding no tar", () -> ChartArchiveBuilder.gzip("not a tar stream at all ".repeat(100).getBytes(StandardCharsets.UTF_8)),
                "archive: is gzip-compressed but does not hold a valid tar archive ("));
        // --- size limits (run with a small heap)
        cases.add(bomb("decompression bomb over 100 MiB in total", () -> {
            ChartArchiveBuilder bomb = chart(CHART, "1.0.0");
            for (int i = 0; i < 21; i++) {
                bomb.zeros(CHART + "/files/part-" + i + ".bin", 5L * 1024 * 1024);
            }
            return bomb.tgz();
        }, "archive: decompresses to more than the 100 MiB Helm accepts for a chart"));
        cases.add(bomb("decompression bomb over 5 MiB in one file", () -> chart(CHART, "1.0.0").zeros(CHART + "/big.bin", 6L * 1024 * 1024).tgz(),
                "mychart/big.bin: decompresses to more than the 5 MiB Helm accepts for one file in a chart"));
        cases.add(bomb("huge single file declared in the header", () -> chart(CHART, "1.0.0").tgzWithTruncatedHugeEntry(CHART + "/huge.bin", 10L << 30),
                "mychart/huge.bin: decompresses to more than the 5 MiB Helm accepts for one file in a chart"));
        cases.add(bomb("huge Chart.yaml", () -> ChartArchiveBuilder.empty()
                        .file(CHART + "/Chart.yaml", chartYaml(CHART, "1.0.0") + "description: " + "x".repeat(6 * 1024 * 1024) + "\n").tgz(),
                "mychart/Chart.yaml: decompresses to more than the 5 MiB Helm accepts for one file in a chart"));
        // --- provenance
        cases.add(new Case("provenance of another chart", ws -> {
            Path tgz = ws.write(FILE, chart(CHART, "1.0.0").tgz());
            ws.write(FILE + ".prov", provenance("otherchart-1.0.0.tgz", "0".repeat(64)));
            return List.of(tgz.toString());
        }, VALIDATION, FILE + ".prov: files: does not list mychart-1.0.0.tgz in the files: map of its signed body", false, false));
        cases.add(new Case("provenance with a wrong digest", ws -> {
            Path tgz = ws.write(FILE, chart(CHART, "1.0.0").tgz());
            ws.write(FILE + ".prov", provenance(FILE, "f".repeat(64)));
            return List.of(tgz.toString());
        }, VALIDATION, FILE + ".prov: files: lists mychart-1.0.0.tgz with sha256:" + "f".repeat(64) + ", but the package has"
                + " sha256:<digest>", false, false));
        cases.add(new Case("provenance that is not clear-signed", ws -> {
            Path tgz = ws.write(FILE, chart(CHART, "1.0.0").tgz());
            String body = new String(provenance(FILE, "0".repeat(64)), StandardCharsets.UTF_8);
            ws.write(FILE + ".prov", body.substring(body.indexOf("apiVersion")).getBytes(StandardCharsets.UTF_8));
            return List.of(tgz.toString());
        }, VALIDATION, FILE + ".prov: files: is not a PGP clear-signed message", false, false));
        cases.add(new Case("provenance without its signature", ws -> {
            Path tgz = ws.write(FILE, chart(CHART, "1.0.0").tgz());
            String body = new String(provenance(FILE, "0".repeat(64)), StandardCharsets.UTF_8);
            ws.write(FILE + ".prov", body.substring(0, body.indexOf("-----BEGIN PGP SIGNATURE")).getBytes(StandardCharsets.UTF_8));
            return List.of(tgz.toString());
        }, VALIDATION, FILE + ".prov: files: has no signature block", false, false));
        // --- versions
        cases.add(new Case("duplicate version with different content in one run", ws -> List.of(
                ws.write("a/" + FILE, chart(CHART, "1.0.0").tgz()).toString(),
                ws.write("b/" + FILE, chart(CHART, "1.0.0").file(CHART + "/NOTES.txt", "changed").tgz()).toString()),
                VALIDATION, FILE + ": Chart.yaml version: mychart 1.0.0 is also given by " + FILE + " with different content", false, false));
        cases.add(new Case("version already published with other bytes", ws -> {
            ws.plant(FILE, chart(CHART, "1.0.0").file(CHART + "/NOTES.txt", "the published one").tgz());
            return List.of(ws.write(FILE, chart(CHART, "1.0.0").tgz()).toString());
        }, CONFLICT, FILE + " is already published in s3://<bucket> with sha256 <digest>, and " + FILE
                + " has different content (sha256 <digest>)", false, false));
        // --- index.yaml in the bucket
        cases.add(index("index with invalid YAML syntax", "apiVersion: v1\nentries: [\n".getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: it is not valid JSON or YAML ("));
        cases.add(index("index with invalid JSON", "{\"apiVersion\": \"v1\", \"entries\": {".getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: it is not valid JSON or YAML ("));
        cases.add(index("index whose entries is a list", "apiVersion: v1\nentries: [1, 2]\n".getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: entries is not a mapping of chart names to version lists"));
        cases.add(index("index whose chart is not a list", "apiVersion: v1\nentries:\n  mychart: yes\n".getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: entries.mychart is not a list of versions"));
        cases.add(index("index without apiVersion", "entries: {}\n".getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: apiVersion is missing (Helm: no API version specified)"));
        cases.add(index("index with YAML aliases built to expand", billionLaughs("apiVersion: v1\nentries: {}\n").getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: it is not valid JSON or YAML (uses the YAML alias *lol0, which is not supported here (write the value out in full))"));
        cases.add(index("deeply nested index", ("apiVersion: v1\nentries:\n  x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")
                        .getBytes(StandardCharsets.UTF_8),
                "s3://<bucket>/index.yaml cannot be read as a Helm index: it is not valid JSON or YAML ("));
        // in the 64 MiB JVM: the limit must hold while downloading
        cases.add(bombIndex("enormous index", enormousIndex(), "s3://<bucket>/index.yaml cannot be read: it is larger than " + IndexCodec.MAX_INDEX_BYTES + " bytes"));
        // --- invalid configuration (options)
        cases.add(options("no store given", List.of(), "give exactly one of --bucket or --local-dir"));
        cases.add(options("both a bucket and a directory", List.of("--bucket", "b", "--local-dir", "/tmp/x"),
                "give exactly one of --bucket or --local-dir"));
        cases.add(options("unknown index format", List.of("--local-dir", "/tmp/unused", "--index-format", "xml"),
                "Invalid value for option '--index-format': "));
        cases.add(options("endpoint that is not a URL", List.of("--bucket", "b", "--endpoint", "http://bad host"),
                "Invalid value for option '--endpoint': "));
        cases.add(options("zero index attempts", List.of("--local-dir", "/tmp/unused", "--max-attempts", "0"),
                "Invalid value for option '--max-attempts': 0 (at least 1)"));
        cases.add(options("repository URL that is not absolute", List.of("--local-dir", "/tmp/unused", "--repo-url", "charts.kube9.io"),
                "Invalid value for option '--repo-url': charts.kube9.io (an absolute http:// or https:// URL"));
        return cases;
    }

    /** Nine levels of nine aliases each: 9^9 nodes once expanded. */
    static String billionLaughs(String prefix) {
        StringBuilder yaml = new StringBuilder(prefix);
        yaml.append("lol0: &lol0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*lol" + (level - 1);
            yaml.append("lol").append(level).append(": &lol").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        return yaml.toString();
    }

    private static byte[] provenance(String file, String digest) {
        return ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\napiVersion: v2\nname: otherchart\nversion: 1.0.0\n\n...\n"
                + "files:\n  " + file + ": sha256:" + digest + "\n-----BEGIN PGP SIGNATURE-----\n\nwsBcBAEBCgAQBQJ\n"
                + "-----END PGP SIGNATURE-----\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An index.yaml bigger than the publisher accepts: whitespace, so it is cheap to build. */
    private static byte[] enormousIndex() {
        byte[] head = "apiVersion: v1\nentries: {}\n".getBytes(StandardCharsets.UTF_8);
        byte[] index = Arrays.copyOf(head, ENORMOUS_INDEX_BYTES);
        Arrays.fill(index, head.length, index.length, (byte) '\n');
        return index;
    }

    static final int ENORMOUS_INDEX_BYTES = IndexCodec.MAX_INDEX_BYTES + 1;
}
