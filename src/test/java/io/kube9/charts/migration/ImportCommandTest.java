package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.migration.RepositoryFront.Origin;
import io.kube9.charts.reliability.RepositoryState;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.repository.support.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `import` and `verify --against` end to end through the CLI against real components: a legacy
 * repository built with the real Helm as the live one was ({@link LegacyRepository}), served on
 * loopback the way the legacy CDN serves it, imported into a real S3 API (S3Mock) and into a local
 * directory, every byte and every entry compared with the source.
 */
class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path work;
    private static S3MockServer s3;
    private static S3Client direct;
    private static RepositoryFront front;
    private static LegacyRepository legacy;

    @BeforeAll
    static void buildLegacyRepository() {
        s3 = S3MockServer.start();
        direct = s3.client();
        S3MockServer.useCredentialsInThisJvm();
        front = RepositoryFront.start();
        legacy = LegacyRepository.build(work, front.url());
        front.serve(Origin.legacy(legacy.root()));
    }

    @AfterEach
    void serveTheLegacyRepositoryAgain() {
        front.serve(Origin.legacy(legacy.root()));
    }

    @AfterAll
    static void stop() {
        front.close();
        direct.close();
        s3.close();
    }

    @Test
    void importsEveryPackageAndEntryFromTheLegacyUrlIntoS3ByteForByte() {
        String bucket = newBucket();

        CliRun run = CliRun.of(args("import", "--from-url", front.url(), "--repo-url", legacy.url(), "--s3", bucket));

        assertEquals(0, run.exitCode(), run.err());
        RepositoryState state = RepositoryState.read(direct, bucket);
        state.assertIndexConsistent();
        legacy.assertImported(state.objects(), legacy.url());
        assertTrue(run.out().contains("5 entries in " + front.url() + "/: 5 imported, 0 already here, 0 not imported"), run.out());
        assertTrue(run.err().contains("[5/5] kube9-operator "), "progress on stderr: " + run.err());
        // the package with a '+' was fetched in the form S3 reads as '+' (the literal '+' reaches S3 as a space)
        assertTrue(front.served().contains(new RepositoryFront.Served("legacy", "/kube9-operator-2.0.1%2Bbuild.5.tgz", 200)));
    }

    @Test
    void importsFromTheLegacyBucketIntoALocalDirectory() throws IOException {
        String source = newBucket();
        legacy.uploadTo(direct, source + "-legacy");
        Path repo = work.resolve("from-bucket-" + NAMES.incrementAndGet());

        CliRun run = CliRun.of("import", "--from-bucket", source + "-legacy", "--from-endpoint", s3.endpoint().toString(),
                "--from-region", S3MockServer.REGION.id(), "--local-dir", repo.toString(), "--repo-url", legacy.url());

        assertEquals(0, run.exitCode(), run.err());
        legacy.assertImported(files(repo), legacy.url());
    }

    @Test
    void fromTheBucketOnlyChartsOfTheListedVersionAreImportedAndAProvenanceThatListsNothingIsLeftOut() throws IOException {
        String source = newBucket() + "-hostile";
        direct.createBucket(b -> b.bucket(source));
        byte[] chart = ChartArchiveBuilder.chart("good", "1.0.0").tgz();
        byte[] notAChart = "not a chart".getBytes(StandardCharsets.UTF_8);
        put(source, "good-1.0.0.tgz", chart);
        put(source, "good-1.0.0.tgz.prov", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: good\n...\nfiles: {}\n"
                .getBytes(StandardCharsets.UTF_8));
        put(source, "junk-1.0.0.tgz", notAChart);
        put(source, "index.yaml", """
                apiVersion: v1
                entries:
                  good:
                  - {name: good, version: 1.0.0, digest: %s, urls: ["https://old.example/good-1.0.0.tgz"]}
                  junk:
                  - {name: junk, version: 1.0.0, digest: %s, urls: ["https://old.example/junk-1.0.0.tgz"]}
                """.formatted(Sha256.hex(chart),
                Sha256.hex(notAChart)).getBytes(StandardCharsets.UTF_8));
        Path repo = work.resolve("from-hostile-bucket-" + NAMES.incrementAndGet());

        CliRun run = CliRun.of("import", "--from-bucket", source, "--from-endpoint", s3.endpoint().toString(),
                "--from-region", S3MockServer.REGION.id(), "--local-dir", repo.toString());

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*invalid +junk 1\\.0\\.0: junk-1\\.0\\.0\\.tgz: .*not imported.*"), run.out());
        assertTrue(run.out().contains(".prov left out: it has no signature block"), run.out());
        assertTrue(run.err().contains("warning: good 1.0.0: good-1.0.0.tgz.prov has no signature block"), run.err());
        assertEquals(List.of("charts/good/index.html", "good-1.0.0.tgz", "index.html", "index.yaml"),
                files(repo).keySet().stream().filter(key -> !key.startsWith(".")).toList(), "no .prov, no junk");
    }

    private static void put(String bucket, String key, byte[] content) {
        direct.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    @Test
    void aReRunAfterCompletionWritesNothing() throws IOException {
        Path repo = work.resolve("rerun-" + NAMES.incrementAndGet());
        assertEquals(0, CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url())
                .exitCode());
        Map<String, byte[]> before = files(repo);
        Map<String, FileTime> modifiedBefore = modified(repo);

        CliRun again = CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url(),
                "--output", "json");

        assertEquals(0, again.exitCode(), again.err());
        JsonNode report = JSON.readTree(again.out());
        assertEquals(List.of("ALREADY_IMPORTED"), statuses(report).values().stream().distinct().toList());
        assertFalse(report.path("indexWritten").asBoolean());
        assertFalse(report.path("landingPageWritten").asBoolean());
        assertArrayEquals(before.get("index.yaml"), files(repo).get("index.yaml"), "index bytes identical");
        assertEquals(before.keySet(), files(repo).keySet());
        assertEquals(modifiedBefore, modified(repo), "no file was written again");
    }

    @Test
    void aMissingPackageAndOneWithAnotherDigestAreReportedAndTheRestIsImported() throws IOException {
        Path broken = legacy.copyTo(work.resolve("broken-" + NAMES.incrementAndGet()));
        Files.delete(broken.resolve("kube9-operator-2.0.0.tgz"));
        Files.write(broken.resolve("kube9-operator-1.0.0.tgz"), ChartArchiveBuilder.chart(LegacyRepository.CHART, "1.0.0").tgz());
        front.serve(Origin.legacy(broken));
        Path repo = work.resolve("partial-" + NAMES.incrementAndGet());

        CliRun run = CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url(),
                "--output", "json");

        assertEquals(4, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(Map.of("1.0.0", "DIGEST_MISMATCH", "1.1.0", "IMPORTED", "2.0.0-rc.1", "IMPORTED", "2.0.0", "MISSING",
                "2.0.1+build.5", "IMPORTED"), statuses(report));
        String mismatch = entry(report, "1.0.0").path("detail").asText();
        assertTrue(mismatch.matches(".*/kube9-operator-1.0.0.tgz has sha256 [0-9a-f]{64}, the source index lists "
                + legacy.entries().get("1.0.0").path("digest").asText() + "; not imported"), mismatch);
        assertEquals("the package is not at " + front.url() + "/kube9-operator-2.0.0.tgz; not imported",
                entry(report, "2.0.0").path("detail").asText());
        Map<String, byte[]> stored = files(repo);
        assertFalse(stored.containsKey("kube9-operator-1.0.0.tgz") || stored.containsKey("kube9-operator-2.0.0.tgz"), stored.keySet()::toString);
        assertEquals(java.util.Set.of("1.1.0", "2.0.0-rc.1", "2.0.1+build.5"), LegacyRepository.entriesOf(stored.get("index.yaml")).keySet());

        front.serve(Origin.legacy(legacy.root()));
        CliRun fixed = CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url());
        assertEquals(0, fixed.exitCode(), fixed.err());
        legacy.assertImported(files(repo), legacy.url());
    }

    @Test
    void anEntryThisRepositoryListsWithAnotherDigestIsAConflictAndStaysAsItIs() throws IOException {
        Path repo = work.resolve("conflict-" + NAMES.incrementAndGet());
        Path other = Files.createDirectories(work.resolve("other-" + NAMES.incrementAndGet())).resolve("kube9-operator-1.0.0.tgz");
        Files.write(other, ChartArchiveBuilder.chart(LegacyRepository.CHART, "1.0.0").tgz());
        assertEquals(0, CliRun.of("publish", "--local-dir", repo.toString(), "--repo-url", legacy.url(), other.toString()).exitCode());
        String publishedDigest = LegacyRepository.entriesOf(files(repo).get("index.yaml")).get("1.0.0").path("digest").asText();

        CliRun run = CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url(),
                "--output", "json");

        assertEquals(4, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("CONFLICT", statuses(report).get("1.0.0"));
        assertEquals("this repository lists it with digest " + publishedDigest + ", the source with "
                + legacy.entries().get("1.0.0").path("digest").asText() + "; nothing was changed for it",
                entry(report, "1.0.0").path("detail").asText());
        Map<String, byte[]> stored = files(repo);
        assertArrayEquals(Files.readAllBytes(other), stored.get("kube9-operator-1.0.0.tgz"), "the package here is untouched");
        Map<String, JsonNode> entries = LegacyRepository.entriesOf(stored.get("index.yaml"));
        assertEquals(publishedDigest, entries.get("1.0.0").path("digest").asText(), "its entry is untouched");
        assertEquals(LegacyRepository.VERSIONS.size(), entries.size(), "every other version was imported");
    }

    @Test
    void aDryRunDownloadsAndChecksEverythingAndWritesNothing() throws IOException {
        String bucket = newBucket();

        CliRun run = CliRun.of(args("import", "--from-url", front.url(), "--repo-url", legacy.url(), "--dry-run", "--output", "json",
                "--s3", bucket));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(List.of("WOULD_IMPORT"), statuses(report).values().stream().distinct().toList());
        assertTrue(entry(report, LegacyRepository.SIGNED_VERSION).path("provenance").asBoolean(), "its .prov was found");
        assertEquals(Map.of(), RepositoryState.read(direct, bucket).objects());
    }

    @Test
    void aSourceIndexPublishWouldRefuseIsRefusedAndNothingIsWritten() throws IOException {
        Path hostile = Files.createDirectories(work.resolve("hostile-" + NAMES.incrementAndGet()));
        Files.writeString(hostile.resolve("index.yaml"), "apiVersion: v1\nentries:\n  - a\n  - b\n");
        front.serve(Origin.legacy(hostile));
        String bucket = newBucket();

        CliRun run = CliRun.of(args("import", "--from-url", front.url(), "--s3", bucket));

        assertEquals(4, run.exitCode());
        assertEquals("error: " + front.url() + "/index.yaml cannot be read as a Helm index: entries is not a mapping of chart"
                + " names to version lists. Nothing was imported\n", run.err());
        assertEquals(Map.of(), RepositoryState.read(direct, bucket).objects());
    }

    @Test
    void entriesThatCouldEscapeTheRepositoryOrTheWebAreRefusedOneByOne() throws IOException {
        Path hostile = Files.createDirectories(work.resolve("escape-" + NAMES.incrementAndGet()));
        String digest = "0".repeat(64);
        Files.writeString(hostile.resolve("index.yaml"), """
                apiVersion: v1
                entries:
                  ../../evil:
                  - {name: ../../evil, version: 1.0.0, digest: %s, urls: [evil.tgz]}
                  kube9-operator:
                  - {name: kube9-operator, version: 9.9.9, digest: %s, urls: ["file:///etc/passwd"]}
                  - {name: kube9-operator, version: latest, digest: %s, urls: [x.tgz]}
                """.formatted(digest, digest, digest));
        front.serve(Origin.legacy(hostile));
        String bucket = newBucket();

        CliRun run = CliRun.of(args("import", "--from-url", front.url(), "--s3", bucket));

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.out().contains("invalid           ../../evil 1.0.0: name \"../../evil\" is not a plain file name (Helm"
                + " refuses it); not imported"), run.out());
        assertTrue(run.out().contains("invalid           kube9-operator 9.9.9: urls[0] \"file:///etc/passwd\" is not an http://"
                + " or https:// URL with a host; not imported"), run.out());
        assertTrue(run.out().contains("invalid           kube9-operator latest: version \"latest\" is not a SemVer version"), run.out());
        assertEquals(List.of("index.html"), List.copyOf(RepositoryState.read(direct, bucket).objects().keySet()),
                "only the landing page of the (empty) repository");
    }

    @Test
    void verifyAgainstTheLiveUrlFindsNothingAfterTheImport() {
        Path repo = work.resolve("verify-ok-" + NAMES.incrementAndGet());
        CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url());

        CliRun run = CliRun.of("verify", "--local-dir", repo.toString(), "--repo-url", legacy.url(), "--against", front.url());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().endsWith(repo.toAbsolutePath() + " against " + front.url() + "/index.yaml: 5 versions there, 5 here;"
                + " 0 missing, 0 different, 0 only here\nsame digests and created dates for every version of " + front.url()
                + "/index.yaml\n"), run.out());
    }

    @Test
    void verifyAgainstTheLiveUrlNamesEveryMissingDifferentAndExtraVersion() throws IOException {
        Path repo = work.resolve("verify-diff-" + NAMES.incrementAndGet());
        CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url());
        ObjectNode index = (ObjectNode) JSON.readTree(repo.resolve("index.yaml").toFile());
        ArrayNode versions = (ArrayNode) index.path("entries").path(LegacyRepository.CHART);
        ObjectNode extra = null;
        for (int i = versions.size() - 1; i >= 0; i--) {
            ObjectNode entry = (ObjectNode) versions.get(i);
            switch (entry.path("version").asText()) {
                case "1.1.0" -> versions.remove(i);
                case "2.0.0" -> entry.put("created", "2026-01-01T00:00:00Z");
                case "1.0.0" -> extra = entry.deepCopy().put("version", "3.0.0");
                default -> { }
            }
        }
        versions.add(extra);
        Files.write(repo.resolve("index.yaml"), JSON.writeValueAsBytes(index));

        CliRun run = CliRun.of("verify", "--local-dir", repo.toString(), "--repo-url", legacy.url(), "--against", front.url(),
                "--output", "json");

        assertEquals(4, run.exitCode(), run.err());
        List<String> reportFields = new ArrayList<>();
        JSON.readTree(run.out()).path("repository").fieldNames().forEachRemaining(reportFields::add);
        assertEquals(List.of("repository", "entries", "packages", "problems"), reportFields, run.out());
        JsonNode against = JSON.readTree(run.out()).path("against");
        assertEquals(List.of("kube9-operator 1.1.0"), texts(against.path("missing")));
        assertEquals(List.of("kube9-operator 3.0.0"), texts(against.path("extra")));
        assertEquals(JSON.createArrayNode().add(JSON.createObjectNode().put("name", "kube9-operator").put("version", "2.0.0")
                .put("field", "created").put("reference", legacy.entries().get("2.0.0").path("created").asText())
                .put("candidate", "2026-01-01T00:00:00Z")), against.path("different"));
    }

    @Test
    void verifyAgainstTheLiveUrlReportsACorruptIndexAsAVerifyProblem() throws IOException {
        Path repo = work.resolve("verify-corrupt-" + NAMES.incrementAndGet());
        CliRun.of("import", "--from-url", front.url(), "--local-dir", repo.toString(), "--repo-url", legacy.url());
        Files.writeString(repo.resolve("index.yaml"), "apiVersion: v1\nentries: [1]\n");

        CliRun run = CliRun.of("verify", "--local-dir", repo.toString(), "--repo-url", legacy.url(), "--against", front.url());

        assertEquals(4, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("\nproblem: index.yaml cannot be read as a Helm index: "), run.out() + run.err());
        assertTrue(run.out().endsWith("\n1 problem(s)\n"), "nothing to compare: " + run.out());
    }

    // ---- helpers ----

    /** The CLI arguments, with "--s3 BUCKET" standing for the options that reach S3Mock. */
    private static String[] args(String... args) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--s3")) {
                all.addAll(List.of("--bucket", args[++i], "--endpoint", s3.endpoint().toString(), "--path-style",
                        "--region", S3MockServer.REGION.id()));
            } else {
                all.add(args[i]);
            }
        }
        return all.toArray(String[]::new);
    }

    private static String newBucket() {
        String bucket = "import-" + NAMES.incrementAndGet();
        direct.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static Map<String, String> statuses(JsonNode report) {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        report.path("entries").forEach(entry -> statuses.put(entry.path("version").asText(), entry.path("status").asText()));
        return statuses;
    }

    static JsonNode entry(JsonNode report, String version) {
        for (JsonNode entry : report.path("entries")) {
            if (entry.path("version").asText().equals(version)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + version + " in " + report);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** Every file of a directory repository (headers included) by relative path. */
    static Map<String, byte[]> files(Path repo) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(repo)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(repo.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    static Map<String, FileTime> modified(Path repo) throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(repo)) {
            for (Path file : paths.filter(Files::isRegularFile).filter(f -> !f.endsWith(".kube9-lock")).toList()) {
                times.put(repo.relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
