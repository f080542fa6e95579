package io.kube9.charts.oci;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.OciRepository;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.verification.Verifier;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.OciRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher with an OCI repository in a real registry (CNCF distribution on loopback) and a directory store. */
class OciPublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00.123Z"), ZoneOffset.UTC);
    private static final AtomicInteger REPOSITORIES = new AtomicInteger();
    private static OciRegistryServer registry;

    @TempDir
    Path work;
    private LocalDirectoryStore store;
    private OciRepository oci;

    @BeforeAll
    static void startRegistry() {
        registry = OciRegistryServer.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void newRepository() {
        store = new LocalDirectoryStore(work.resolve("repo"));
        oci = OciRepository.parse("oci://" + registry.host() + "/charts/t" + REPOSITORIES.incrementAndGet());
    }

    private RegistryClient client() {
        return RegistryClient.connect(oci, RegistryAccess.defaults().withPlainHttp(true)
                .withEnvironment(Map.of("HOME", work.toString())), Progress.SILENT);
    }

    private PublishReport publish(List<ChartArchive> charts, boolean dryRun) {
        try (RegistryClient client = client()) {
            RepositorySettings settings = RepositorySettings.defaults("https://charts.kube9.io").withOciRepository(oci.toString());
            return new Publisher(ChartRepository.open(store, settings, Invalidator.NONE, CLOCK, Progress.SILENT), new OciMirror(client, settings.retry(), Progress.SILENT)).publish(charts, dryRun);
        }
    }

    private JsonNode manifest(ChartArchive chart) {
        return registry.manifest(oci.repositoryOf(chart.name()), OciRepository.tagOf(chart.version())).orElseThrow();
    }

    @Test
    void pushesEachPackageAsAHelmChartWhoseLayerIsThePackageItself() {
        ChartArchive signed = OciTestCharts.chart("demo", "1.0.0", true, "");
        ChartArchive build = OciTestCharts.chart("demo", "1.1.0+build.7", false, "");

        PublishReport report = publish(List.of(signed, build), false);

        assertEquals(List.of(UploadStatus.UPLOADED, UploadStatus.UPLOADED), report.charts().stream().map(PublishReport.ChartOutcome::ociStatus).toList());
        assertEquals("oci://" + registry.host() + "/charts/" + oci.path().substring("charts/".length()) + "/demo:1.1.0_build.7",
                report.charts().get(1).oci());
        assertEquals(List.of("1.0.0", "1.1.0_build.7"), registry.tags(oci.repositoryOf("demo")));
        for (ChartArchive chart : List.of(signed, build)) {
            JsonNode manifest = manifest(chart);
            assertEquals(HelmChartArtifact.CONFIG_MEDIA_TYPE, manifest.path("config").path("mediaType").asText());
            JsonNode chartLayer = layer(manifest, HelmChartArtifact.CHART_LAYER_MEDIA_TYPE);
            assertEquals("sha256:" + chart.digest(), chartLayer.path("digest").asText(), "the chart layer is the indexed package");
            assertArrayEquals(chart.content(), registry.blob(oci.repositoryOf("demo"), chartLayer.path("digest").asText()).orElseThrow());
            assertEquals(chart.version(), manifest.path("annotations").path("org.opencontainers.image.version").asText());
            assertEquals("demo", manifest.path("annotations").path("org.opencontainers.image.title").asText());
            assertEquals("2026-12-01T10:00:00Z", manifest.path("annotations").path("org.opencontainers.image.created").asText());
        }
        JsonNode provenance = layer(manifest(signed), HelmChartArtifact.PROVENANCE_LAYER_MEDIA_TYPE);
        assertArrayEquals(signed.provenance().orElseThrow(),
                registry.blob(oci.repositoryOf("demo"), provenance.path("digest").asText()).orElseThrow());
        assertEquals(1, manifest(build).path("layers").size(), "no provenance layer without a .prov");
    }

    @Test
    void reRunIsANoOpThatLeavesEveryTagAsItWas() {
        List<ChartArchive> charts = List.of(OciTestCharts.chart("demo", "1.0.0", true, ""), OciTestCharts.chart("other", "0.1.0"));
        publish(charts, false);
        JsonNode before = manifest(charts.get(0));

        PublishReport again = publish(charts, false);

        assertEquals(List.of(UploadStatus.ALREADY_PUBLISHED, UploadStatus.ALREADY_PUBLISHED),
                again.charts().stream().map(PublishReport.ChartOutcome::ociStatus).toList());
        assertEquals(before, manifest(charts.get(0)), "the tag still points at the first run's manifest");
    }

    @Test
    void aTagHoldingOtherBytesIsRefusedBeforeAnythingIsWritten() throws IOException {
        ChartArchive pushedElsewhere = OciTestCharts.chart("demo", "2.0.0", false, "built by someone else");
        try (RegistryClient client = client()) {
            new OciPublisher(client, RetryPolicy.DEFAULT, Progress.SILENT).publish(List.of(pushedElsewhere), CLOCK.instant());
        }
        JsonNode tagBefore = manifest(pushedElsewhere);
        ChartArchive ours = OciTestCharts.chart("demo", "2.0.0");
        ChartArchive fine = OciTestCharts.chart("demo", "1.0.0");

        RepositoryConflictException refused = assertThrows(RepositoryConflictException.class, () -> publish(List.of(fine, ours), false));

        assertEquals(oci.reference("demo", "2.0.0") + " is already published with chart layer sha256:" + pushedElsewhere.digest()
                + ", and demo-2.0.0.tgz has different content (sha256:" + ours.digest() + "). Published versions are immutable:"
                + " bump the version in Chart.yaml and publish again. Nothing was changed", refused.getMessage());
        assertEquals(tagBefore, manifest(pushedElsewhere));
        assertEquals(List.of("2.0.0"), registry.tags(oci.repositoryOf("demo")), "the other chart was not pushed either");
        assertFalse(Files.exists(work.resolve("repo").resolve("demo-1.0.0.tgz")), "no package was uploaded");
        assertFalse(Files.exists(work.resolve("repo").resolve("index.yaml")), "no index was written");
    }

    @Test
    void aDifferentProvenanceForAPublishedTagIsRefused() {
        publish(List.of(OciTestCharts.chart("demo", "1.0.0", true, "")), false);
        ChartArchive resigned = OciTestCharts.signed(OciTestCharts.chart("demo", "1.0.0"), "anotherSignature");
        store = new LocalDirectoryStore(work.resolve("fresh"));  // the bucket's own .prov check is not what is tested here

        RepositoryConflictException refused = assertThrows(RepositoryConflictException.class, () -> publish(List.of(resigned), false));

        assertTrue(refused.getMessage().startsWith(oci.reference("demo", "1.0.0") + " is already published with provenance layer sha256:"),
                refused.getMessage());
    }

    @Test
    void aProvenanceGivenLaterIsAddedToTheTagWithTheSameChartLayer() {
        ChartArchive unsigned = OciTestCharts.chart("demo", "1.0.0");
        publish(List.of(unsigned), false);
        ChartArchive signed = OciTestCharts.chart("demo", "1.0.0", true, "");

        PublishReport report = publish(List.of(signed), false);

        assertEquals(UploadStatus.UPLOADED, report.charts().get(0).ociStatus());
        JsonNode manifest = manifest(signed);
        assertEquals("sha256:" + unsigned.digest(), layer(manifest, HelmChartArtifact.CHART_LAYER_MEDIA_TYPE).path("digest").asText());
        assertEquals("sha256:" + Sha256.hex(signed.provenance().orElseThrow()),
                layer(manifest, HelmChartArtifact.PROVENANCE_LAYER_MEDIA_TYPE).path("digest").asText());
    }

    @Test
    void dryRunReadsTheTagsAndWritesNothing() {
        publish(List.of(OciTestCharts.chart("demo", "1.0.0")), false);

        PublishReport report = publish(List.of(OciTestCharts.chart("demo", "1.0.0"), OciTestCharts.chart("demo", "1.1.0")), true);

        assertEquals(List.of(UploadStatus.ALREADY_PUBLISHED, UploadStatus.WOULD_UPLOAD),
                report.charts().stream().map(PublishReport.ChartOutcome::ociStatus).toList());
        assertEquals(List.of("1.0.0"), registry.tags(oci.repositoryOf("demo")));
    }

    @Test
    void aChartNameOrVersionNoOciRegistryCanHoldIsRefusedAsInvalid() {
        ChartArchive upper = new io.kube9.charts.repository.chart.ChartArchiveReader().read("Demo-1.0.0.tgz",
                ChartArchiveBuilder.chart("Demo", "1.0.0").tgz(), Optional.empty());
        ChartValidationException name = assertThrows(ChartValidationException.class, () -> publish(List.of(upper), false));
        assertEquals("Demo-1.0.0.tgz: Chart.yaml name: \"Demo\" cannot name the OCI repository " + oci.path() + "/Demo (lowercase"
                + " letters and digits, separated by '.', '_', '__' or '-'; at most 255 characters with the path). Rename the chart,"
                + " or publish it without --oci-repository", name.getMessage());

        String longVersion = "1.0.0-" + "a".repeat(130);
        ChartValidationException version = assertThrows(ChartValidationException.class,
                () -> publish(List.of(OciTestCharts.chart("demo", longVersion)), false));
        assertTrue(version.getMessage().startsWith("demo-" + longVersion + ".tgz: Chart.yaml version: \"" + longVersion
                + "\" cannot be an OCI tag"), version.getMessage());
        assertFalse(Files.exists(work.resolve("repo").resolve("index.yaml")));
    }

    @Test
    void concurrentPublishersOfDifferentVersionsEachGetTheirTagAndIndexEntry() throws Exception {
        List<ChartArchive> versions = IntStream.range(0, 6).mapToObj(i -> OciTestCharts.chart("demo", "1." + i + ".0", i % 2 == 0, ""))
                .toList();
        ExecutorService threads = Executors.newFixedThreadPool(versions.size());
        try {
            List<Future<PublishReport>> runs = versions.stream()
                    .map(chart -> threads.submit(() -> publish(List.of(chart), false))).toList();
            for (Future<PublishReport> run : runs) {
                assertEquals(UploadStatus.UPLOADED, run.get().charts().get(0).ociStatus());
            }
        } finally {
            threads.shutdownNow();
        }
        for (ChartArchive chart : versions) {
            assertEquals("sha256:" + chart.digest(), layer(manifest(chart), HelmChartArtifact.CHART_LAYER_MEDIA_TYPE).path("digest").asText());
        }
        try (RegistryClient client = client()) {
            var report = new Verifier(ChartRepository.open(store, RepositorySettings.defaults("https://charts.kube9.io"), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT), new OciMirror(client, RetryPolicy.DEFAULT, Progress.SILENT))
                    .verify(Optional.empty());
            assertEquals(List.of(), report.problems());
            assertEquals(6, report.entries());
        }
    }

    @Test
    void withTheDefaultAccessTheMirrorReachesTheRepositoryOverTls() {
        RepositorySettings settings = RepositorySettings.defaults("https://charts.kube9.io").withOciRepository(oci.toString())
                .withRetry(new RetryPolicy(1, java.time.Duration.ZERO, java.time.Duration.ZERO));
        Publisher publisher = new Publisher(ChartRepository.open(store, settings, Invalidator.NONE, CLOCK, Progress.SILENT),
                new OciMirror(RegistryClient.connect(oci, RegistryAccess.defaults(), Progress.SILENT), settings.retry(), Progress.SILENT));

        var refused = assertThrows(io.kube9.charts.repository.support.RetriesExhaustedException.class,
                () -> publisher.publish(List.of(OciTestCharts.chart("demo", "1.0.0")), true));

        assertTrue(refused.getMessage().startsWith("gave up trying to read " + oci.reference("demo", "1.0.0") + " after 1 attempts:"
                + " could not read " + oci.reference("demo", "1.0.0") + ": " + registry.host() + " failed ("), refused.getMessage());
        assertTrue(refused.getMessage().contains("SSL"), "it spoke TLS to the plain-HTTP registry: " + refused.getMessage());
    }

    private static JsonNode layer(JsonNode manifest, String mediaType) {
        return manifest.path("layers").valueStream().filter(l -> l.path("mediaType").asText().equals(mediaType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + mediaType + " layer in " + manifest));
    }
}
