package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.migration.RepositoryFront.Origin;
import io.kube9.charts.oci.OciPublisher;
import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.oci.RegistryAccess;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.reliability.OciChannelState;
import io.kube9.charts.reliability.RepositoryState;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.OciRegistryServer;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `import --oci-repository` end to end through the CLI: the legacy repository built with the real Helm
 * ({@link LegacyRepository}) imported into a local directory and into a real registry (Debian's
 * {@code docker-registry}, reached through a {@link FaultProxy} that records every request). Every tag
 * holds the exact legacy package, `verify --oci-repository` agrees, the real Helm 3 and 4 pull the index
 * digest from the registry; re-runs write nothing to either channel; a plain import followed by an OCI
 * one fills the registry; a conflicting tag is reported and the rest imported. (Into S3, with faults and a
 * kill: {@code reliability.ImportOciReliabilityTest}.)
 */
class ImportOciCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String REPOSITORY = LegacyRepository.CHART;

    @TempDir
    static Path work;
    private static RepositoryFront front;
    private static LegacyRepository legacy;
    private static OciRegistryServer registry;
    private static FaultProxy registryProxy;

    @BeforeAll
    static void start() {
        front = RepositoryFront.start();
        legacy = LegacyRepository.build(work, front.url());
        front.serve(Origin.legacy(legacy.root()));
        registry = OciRegistryServer.start();
        registryProxy = FaultProxy.start(registry.endpoint());
    }

    @AfterAll
    static void stop() {
        registryProxy.close();
        registry.close();
        front.close();
    }

    @Test
    void everyVersionReachesTheRegistryWithTheIndexedBytesAndHelmPullsThem() throws IOException {
        Path repo = work.resolve("with-oci-" + NAMES.incrementAndGet());
        String path = "imported-" + NAMES.get();
        String oci = oci(path);
        registryProxy.reset();

        CliRun run = importCommand("--local-dir", repo.toString(), "--oci-repository", oci, "--oci-plain-http", "--output", "json");

        assertEquals(0, run.exitCode(), run.err());
        for (String version : LegacyRepository.VERSIONS) {
            String manifest = "/" + path + "/" + REPOSITORY + "/manifests/" + OciRepository.tagOf(version);
            List<String> requests = registryProxy.seen().stream().filter(seen -> seen.path().endsWith(manifest))
                    .map(FaultProxy.Seen::method).toList();
            assertEquals(List.of("HEAD", "HEAD", "PUT"), requests.subList(0, requests.indexOf("PUT") + 1), version + ": the tag is"
                    + " read when planned and right before its manifest is written (the push uses the plan): " + requests);
        }
        JsonNode report = JSON.readTree(run.out());
        for (String version : LegacyRepository.VERSIONS) {
            JsonNode entry = ImportCommandTest.entry(report, version);
            assertEquals("IMPORTED", entry.path("status").asText(), version);
            assertEquals("UPLOADED", entry.path("ociStatus").asText(), version);
            assertEquals(oci + "/" + REPOSITORY + ":" + version.replace('+', '_'), entry.path("oci").asText());
        }
        RepositoryState state = new RepositoryState(ImportCommandTest.files(repo));
        legacy.assertImported(state.objects(), legacy.url());
        OciChannelState tags = OciChannelState.read(registry, path, List.of(REPOSITORY));
        tags.assertHoldsEveryIndexedVersion(state);
        assertEquals(LegacyRepository.VERSIONS.size(), tags.tags().size(), tags.tags().keySet().toString());
        legacy.entries().forEach((version, entry) -> {
            String tag = REPOSITORY + ":" + version.replace('+', '_');
            assertArrayEquals(legacy.file(REPOSITORY + "-" + version + ".tgz"), tags.tags().get(tag).chart(), tag);
            assertEquals("sha256:" + entry.path("digest").asText(), tags.tags().get(tag).chartDigest(), tag);
            assertEquals(createdSeconds(entry), annotations(path, version).path("org.opencontainers.image.created").asText(),
                    tag + ": the artifact's created is the release's, as the source index has it");
        });
        assertEquals("sha256:" + Sha256.hex(legacy.file(REPOSITORY + "-" + LegacyRepository.SIGNED_VERSION + ".tgz.prov")),
                tags.tags().get(REPOSITORY + ":" + LegacyRepository.SIGNED_VERSION).provenanceDigest());

        CliRun verify = CliRun.of("verify", "--local-dir", repo.toString(), "--repo-url", legacy.url(), "--oci-repository", oci,
                "--oci-plain-http");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());

        for (int helmVersion : List.of(3, 4)) {
            HelmCommand helm = new HelmCommand(helmVersion == 3 ? TestTools.helm3() : TestTools.helm4(),
                    work.resolve("helm-" + helmVersion));
            for (String version : List.of("2.0.1+build.5", LegacyRepository.SIGNED_VERSION)) {
                Path pulled = Files.createDirectories(work.resolve("pulled-" + helmVersion + "-" + version));
                helm.run("pull", "oci://" + registry.host() + "/" + path + "/" + REPOSITORY, "--version", version, "--plain-http",
                        "-d", pulled.toString()).assertOk("helm " + helmVersion + " pull " + version);
                assertEquals(legacy.entries().get(version).path("digest").asText(),
                        Sha256.hex(Files.readAllBytes(pulled.resolve(REPOSITORY + "-" + version + ".tgz"))),
                        "helm " + helmVersion + " pulled the index digest of " + version);
            }
        }
    }

    @Test
    void aPlainImportThenAnOciImportFillsTheRegistryWithTheSameArtifactsAndAReRunWritesNothingToEitherChannel() throws IOException {
        Path repo = work.resolve("plain-then-oci-" + NAMES.incrementAndGet());
        String path = "filled-" + NAMES.get();
        assertEquals(0, importCommand("--local-dir", repo.toString()).exitCode());
        Map<String, byte[]> plain = ImportCommandTest.files(repo);

        CliRun dryRun = importCommand("--local-dir", repo.toString(), "--oci-repository", oci(path), "--oci-plain-http",
                "--dry-run", "--output", "json");

        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertEquals(Set.of("ALREADY_IMPORTED WOULD_UPLOAD"), statuses(JSON.readTree(dryRun.out())));
        assertEquals(List.of(), registry.tags(path + "/" + REPOSITORY), "the dry run pushed nothing");
        Map<String, FileTime> modified = ImportCommandTest.modified(repo);

        CliRun fill = importCommand("--local-dir", repo.toString(), "--oci-repository", oci(path), "--oci-plain-http");

        assertEquals(0, fill.exitCode(), fill.err());
        assertEquals(LegacyRepository.VERSIONS.size(), fill.out().lines().filter(line -> line.startsWith("pushed ")).count(), fill.out());
        assertTrue(fill.out().contains("OCI: 5 pushed, 0 already there"), fill.out());
        RepositoryState state = new RepositoryState(ImportCommandTest.files(repo));
        OciChannelState.read(registry, path, List.of(REPOSITORY)).assertHoldsEveryIndexedVersion(state);
        assertArrayEquals(plain.get("index.yaml"), state.objects().get("index.yaml"), "the index was not written again");
        Map<String, FileTime> changed = new TreeMap<>(ImportCommandTest.modified(repo));
        changed.entrySet().removeIf(file -> file.getValue().equals(modified.get(file.getKey())));
        assertEquals(List.of(".kube9-headers/charts/" + REPOSITORY + "/index.html.json", ".kube9-headers/index.html.json",
                "charts/" + REPOSITORY + "/index.html", "index.html"), List.copyOf(changed.keySet()),
                "only the pages were written: they now show the oci:// install command");
        assertTrue(new String(state.objects().get("index.html")).contains(oci(path) + "/" + REPOSITORY), "landing page");

        Map<String, FileTime> filled = ImportCommandTest.modified(repo);
        registryProxy.reset();
        CliRun again = importCommand("--local-dir", repo.toString(), "--oci-repository", oci(path), "--oci-plain-http",
                "--output", "json");

        assertEquals(0, again.exitCode(), again.err());
        assertEquals(Set.of("ALREADY_IMPORTED ALREADY_PUBLISHED"), statuses(JSON.readTree(again.out())));
        assertEquals(filled, ImportCommandTest.modified(repo), "no file was written again");
        assertEquals(List.of(), registryProxy.seen().stream().filter(seen -> !seen.method().equals("GET")
                && !seen.method().equals("HEAD")).toList(), "the registry got no write");
        assertFalse(registryProxy.seen().isEmpty(), "the tags were read through the proxy");

        String direct = "direct-" + NAMES.incrementAndGet();
        assertEquals(0, importCommand("--local-dir", work.resolve(direct).toString(), "--oci-repository", oci(direct),
                "--oci-plain-http").exitCode());
        for (String version : LegacyRepository.VERSIONS) {
            String tag = OciRepository.tagOf(version);
            assertEquals(registry.manifest(path + "/" + REPOSITORY, tag), registry.manifest(direct + "/" + REPOSITORY, tag),
                    version + ": the artifact filled after a plain import is the one a direct import pushes");
        }
    }

    @Test
    void aTagHoldingAnotherChartIsAConflictAndTheRestIsImported() throws IOException {
        Path repo = work.resolve("conflict-" + NAMES.incrementAndGet());
        String path = "conflict-" + NAMES.get();
        ChartArchive other = new ChartArchiveReader().read(REPOSITORY + "-2.0.0.tgz",
                ChartArchiveBuilder.chart(REPOSITORY, "2.0.0").tgz(), Optional.empty());
        try (RegistryClient client = RegistryClient.connect(OciRepository.parse(oci(path)), RegistryAccess.defaults().withPlainHttp(true)
                .withEnvironment(Map.of("HOME", work.toString())), Progress.SILENT)) {
            new OciPublisher(client, RetryPolicy.DEFAULT, Progress.SILENT).publish(List.of(other), Instant.now());
        }

        CliRun run = importCommand("--local-dir", repo.toString(), "--oci-repository", oci(path), "--oci-plain-http", "--output", "json");

        assertEquals(4, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        JsonNode conflict = ImportCommandTest.entry(report, "2.0.0");
        assertEquals("CONFLICT", conflict.path("status").asText());
        String detail = conflict.path("detail").asText();
        assertTrue(detail.startsWith(oci(path) + "/" + REPOSITORY + ":2.0.0 is already published with chart layer sha256:"
                + other.digest() + ", and " + front.url() + "/" + REPOSITORY + "-2.0.0.tgz has different content (sha256:"
                + legacy.entries().get("2.0.0").path("digest").asText() + ")"), detail);
        assertTrue(detail.contains("delete the tag in the registry and import again"), detail);
        assertFalse(detail.contains("bump the version"), detail);
        Map<String, String> imported = new LinkedHashMap<>();
        report.path("entries").forEach(e -> imported.put(e.path("version").asText(),
                e.path("status").asText() + " " + e.path("ociStatus").asText()));
        imported.remove("2.0.0");
        assertEquals(List.of("IMPORTED UPLOADED"), imported.values().stream().distinct().toList(), imported.toString());

        RepositoryState state = new RepositoryState(ImportCommandTest.files(repo));
        assertFalse(LegacyRepository.entriesOf(state.objects().get("index.yaml")).containsKey("2.0.0"), "2.0.0 is not indexed");
        assertFalse(state.objects().containsKey(REPOSITORY + "-2.0.0.tgz"), "nothing was changed for 2.0.0: its package is not stored");
        OciChannelState tags = OciChannelState.read(registry, path, List.of(REPOSITORY));
        tags.assertHoldsEveryIndexedVersion(state);
        assertEquals("sha256:" + other.digest(), tags.tags().get(REPOSITORY + ":2.0.0").chartDigest(), "the tag is left as it was");
    }

    private static CliRun importCommand(String... destination) {
        List<String> args = new ArrayList<>(List.of("import", "--from-url", front.url(), "--repo-url", legacy.url()));
        args.addAll(List.of(destination));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The OCI repository at {@code path}, through the recording proxy. */
    private static String oci(String path) {
        return "oci://" + registryProxy.endpoint().getAuthority() + "/" + path;
    }

    private static JsonNode annotations(String path, String version) {
        return registry.manifest(path + "/" + REPOSITORY, version.replace('+', '_')).orElseThrow().path("annotations");
    }

    /** The entry's created as Helm writes it into the manifest: RFC 3339, in seconds. */
    private static String createdSeconds(JsonNode entry) {
        return OffsetDateTime.parse(entry.path("created").asText()).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The distinct "status ociStatus" pairs of a report's entries. */
    private static Set<String> statuses(JsonNode report) {
        Set<String> statuses = new TreeSet<>();
        report.path("entries").forEach(entry -> statuses.add(entry.path("status").asText() + " " + entry.path("ociStatus").asText()));
        return statuses;
    }
}
