package io.kube9.charts.oci;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.OciRepository;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.publishing.SigningKey;
import io.kube9.charts.publishing.StaticRepositoryServer;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.LoopbackHttpServer;
import io.kube9.charts.testing.OciRegistryServer;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both channels of one release as the real Helm 3.17.3 and 4.1.4 see them: charts packaged (one signed,
 * one with build metadata, one with a dependency and HTML characters in its metadata) by `helm package`,
 * published by us to a directory (served over HTTP) and to a real registry; the artifact compared with
 * what `helm push` writes for the same packages; then `helm pull` and `helm template` of every version
 * from the registry, `helm pull --verify` of the signed one, and the bytes compared with the index
 * digest and with what `helm pull` gets from the classic repository.
 */
class OciHelmFidelityTest {
    @TempDir
    static Path work;
    private static OciRegistryServer registry;
    private static LoopbackHttpServer classic;
    private static List<ChartArchive> charts;
    private static Path publicKeyring;

    @BeforeAll
    static void packageAndPublish() throws IOException {
        Path sources = work.resolve("sources");
        writeChart(sources.resolve("demo-1.0.0"), "demo", "1.0.0", "");
        writeChart(sources.resolve("demo-build"), "demo", "1.1.0+build.7", "");
        writeChart(sources.resolve("signed"), "signed", "1.0.0", "");
        writeChart(sources.resolve("umbrella"), "umbrella", "0.2.0-rc.1", """
                dependencies:
                - name: sub
                  version: 0.1.0
                  repository: file://charts/sub
                  condition: sub.enabled
                  tags: [backend]
                  import-values:
                  - child: exported
                    parent: imported
                  alias: helper
                """);
        writeChart(sources.resolve("umbrella/charts/sub"), "sub", "0.1.0", "");
        Path keys = SigningKey.generate(work.resolve("gnupg"));
        publicKeyring = keys.resolve("pubring.gpg");

        Path packaged = Files.createDirectories(work.resolve("packaged"));
        HelmCommand helm3 = new HelmCommand(TestTools.helm3(), work.resolve("helm-package-home"));
        for (String chart : List.of("demo-1.0.0", "demo-build", "umbrella")) {
            helm3.packageChart(sources.resolve(chart), packaged);
        }
        helm3.packageSigned(sources.resolve("signed"), keys, packaged);
        ChartArchiveReader reader = new ChartArchiveReader();
        try (var files = Files.list(packaged)) {
            charts = files.filter(file -> file.toString().endsWith(".tgz")).sorted().map(reader::read).toList();
        }

        registry = OciRegistryServer.start();
        Path root = Files.createDirectories(work.resolve("classic"));
        classic = StaticRepositoryServer.serve(root.toRealPath());
        RepositorySettings settings = RepositorySettings.defaults(classic.url().toString())
                .withOciRepository(ours().toString());
        try (RegistryClient client = RegistryClient.connect(ours(), RegistryAccess.defaults().withPlainHttp(true)
                .withEnvironment(Map.of("HOME", work.toString())), Progress.SILENT)) {
            new Publisher(ChartRepository.open(new LocalDirectoryStore(root), settings, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT), new OciMirror(client, settings.retry(), Progress.SILENT))
                    .publish(charts, false);
        }
    }

    @AfterAll
    static void stop() {
        if (classic != null) {
            classic.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static OciRepository ours() {
        return OciRepository.parse("oci://" + registry.host() + "/ours");
    }

    private static void writeChart(Path directory, String name, String version, String extra) throws IOException {
        Files.createDirectories(directory.resolve("templates"));
        Files.writeString(directory.resolve("Chart.yaml"), """
                apiVersion: v2
                name: %s
                version: %s
                appVersion: "2.4"
                description: "OCI fidelity: <b>&</b> 'quotes' \u00e9t\u00e9"
                type: application
                home: https://kube9.io
                icon: https://kube9.io/icon.png
                keywords: [kube9, "yes", "1.0"]
                sources: [https://github.com/kube9/charts, https://github.com/kube9/other]
                maintainers:
                - name: kube9 maintainers
                  email: maintainers@kube9.invalid
                - name: solo
                  url: https://kube9.io/solo
                annotations:
                  artifacthub.io/license: Apache-2.0
                  org.opencontainers.image.title: not-the-name
                  category: "on"
                kubeVersion: ">=1.25.0-0"
                %s""".formatted(name, version, extra));
        Files.writeString(directory.resolve("values.yaml"), "greeting: hello\nexported:\n  a: \"1\"\n");
        Files.writeString(directory.resolve("templates/configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-{{ .Chart.Name }}
                data:
                  greeting: {{ .Values.greeting | quote }}
                  chartVersion: {{ .Chart.Version | quote }}
                """);
    }

    /** Our config blob is byte for byte Helm's; the manifest is Helm's except for the created time. */
    @ParameterizedTest(name = "helm {0}")
    @ValueSource(ints = {3, 4})
    void theArtifactIsWhatHelmPushWrites(int helmVersion) throws IOException {
        HelmCommand helm = helm(helmVersion, "push");
        String target = "helm" + helmVersion;
        for (ChartArchive chart : charts) {
            Path tgz = work.resolve("packaged").resolve(chart.packageKey());
            helm.run("push", tgz.toString(), "oci://" + registry.host() + "/" + target, "--plain-http").assertOk("helm push " + chart.packageKey());
            JsonNode theirs = registry.manifest(target + "/" + chart.name(), OciRepository.tagOf(chart.version())).orElseThrow();
            JsonNode mine = registry.manifest(ours().repositoryOf(chart.name()), OciRepository.tagOf(chart.version())).orElseThrow();

            String label = "helm " + helmVersion + " push of " + chart.packageKey();
            assertArrayEquals(registry.blob(target + "/" + chart.name(), theirs.path("config").path("digest").asText()).orElseThrow(),
                    registry.blob(ours().repositoryOf(chart.name()), mine.path("config").path("digest").asText()).orElseThrow(),
                    label + ": config blob");
            assertEquals(withoutCreated(theirs).path("annotations"), withoutCreated(mine).path("annotations"), label + ": annotations");
            assertEquals(Set.copyOf(layers(theirs)), Set.copyOf(layers(mine)), label + ": layers");
            if (helmVersion == 4) {
                assertEquals(withoutCreated(theirs), withoutCreated(mine), label + ": manifest (Helm 4 sorts the layers)");
            }
        }
    }

    /** Every version from the registry is the package the index lists, the one the classic repository serves, and renders. */
    @ParameterizedTest(name = "helm {0}")
    @ValueSource(ints = {3, 4})
    void helmGetsTheSameBytesFromBothChannels(int helmVersion) throws IOException {
        HelmCommand helm = helm(helmVersion, "pull");
        helm.run("repo", "add", "kube9", classic.url().toString()).assertOk("helm repo add");
        for (ChartArchive chart : charts) {
            String label = "helm " + helmVersion + " " + chart.name() + " " + chart.version();
            Path fromOci = Files.createDirectories(work.resolve("pulled-oci-" + helmVersion + "-" + chart.packageKey()));
            Path fromClassic = Files.createDirectories(work.resolve("pulled-classic-" + helmVersion + "-" + chart.packageKey()));
            helm.run("pull", ours().chartUrl(chart.name()), "--version", chart.version(), "--plain-http", "-d", fromOci.toString())
                    .assertOk(label + " helm pull oci://");
            helm.run("pull", "kube9/" + chart.name(), "--version", chart.version(), "-d", fromClassic.toString())
                    .assertOk(label + " helm pull from the classic repository");
            byte[] oci = Files.readAllBytes(fromOci.resolve(chart.packageKey()));
            assertEquals(chart.digest(), Sha256.hex(oci), label + ": the pulled chart's sha256 is the index digest");
            assertArrayEquals(Files.readAllBytes(fromClassic.resolve(chart.packageKey())), oci, label + ": both channels");

            String rendered = helm.run("template", "release", ours().chartUrl(chart.name()), "--version", chart.version(),
                    "--plain-http").assertOk(label + " helm template oci://").out();
            assertTrue(rendered.contains("name: release-" + chart.name()), rendered);
            assertTrue(rendered.contains("chartVersion: \"" + chart.version() + "\""), rendered);
        }
    }

    @ParameterizedTest(name = "helm {0}")
    @ValueSource(ints = {3, 4})
    void helmVerifiesTheSignedChartFromTheRegistry(int helmVersion) throws IOException {
        HelmCommand helm = helm(helmVersion, "verify");
        Path pulled = Files.createDirectories(work.resolve("verified-" + helmVersion));
        helm.run("pull", ours().chartUrl("signed"), "--version", "1.0.0", "--plain-http", "--verify", "--keyring",
                publicKeyring.toString(), "-d", pulled.toString()).assertOk("helm " + helmVersion + " pull --verify oci://");
        assertTrue(Files.exists(pulled.resolve("signed-1.0.0.tgz.prov")), "the provenance layer was pulled");
    }

    private static HelmCommand helm(int version, String use) {
        return new HelmCommand(version == 3 ? TestTools.helm3() : TestTools.helm4(), work.resolve("home-" + use + "-" + version));
    }

    private static JsonNode withoutCreated(JsonNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        ((ObjectNode) copy.path("annotations")).remove("org.opencontainers.image.created");
        return copy;
    }

    private static List<JsonNode> layers(JsonNode manifest) {
        Set<JsonNode> seen = new HashSet<>();
        manifest.path("layers").forEach(seen::add);
        return List.copyOf(seen);
    }
}
