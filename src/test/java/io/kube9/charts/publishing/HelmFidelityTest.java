package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.LoopbackHttpServer;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our repository as the real Helm 3.17.3 and 4.1.4 see it: charts packaged (and one signed) with
 * `helm package`, our index compared with `helm repo index`, then the repository served over HTTP on
 * loopback and used with `helm repo add`, `search repo`, `pull`, `pull --verify` and `template`, once
 * with the JSON index (the default) and once with the YAML one.
 */
class HelmFidelityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static List<Path> packages;
    private static Path publicKeyring;
    private static LoopbackHttpServer jsonServer;
    private static LoopbackHttpServer yamlServer;

    @BeforeAll
    static void packageAndPublish() throws IOException {
        Path sources = work.resolve("sources");
        writeChart(sources.resolve("demo-1.0.0"), "demo", "1.0.0", "application");
        writeChart(sources.resolve("demo-1.1.0"), "demo", "1.1.0", "application");
        writeChart(sources.resolve("signed"), "signed", "1.0.0", "application");
        writeChart(sources.resolve("library"), "toolkit", "0.1.0-beta.1", "library");
        Path keys = SigningKey.generate(work.resolve("gnupg"));
        publicKeyring = keys.resolve("pubring.gpg");

        Path packaged = Files.createDirectories(work.resolve("packaged"));
        HelmCommand helm3 = new HelmCommand(TestTools.helm3(), work.resolve("helm-package-home"));
        for (String chart : List.of("demo-1.0.0", "demo-1.1.0", "library")) {
            helm3.packageChart(sources.resolve(chart), packaged);
        }
        helm3.packageSigned(sources.resolve("signed"), keys, packaged);
        // Hand-made (helm package would quote them): YAML booleans and numbers where Helm's fields are text
        Files.write(packaged.resolve("typed-0.1.0.tgz"), io.kube9.charts.testing.ChartArchiveBuilder.empty().file("typed/Chart.yaml", """
                apiVersion: v2
                name: typed
                version: 0.1.0
                appVersion: 1.0
                keywords: [yes, 1.50, 0x1F, 1e6]
                sources: [1]
                maintainers:
                - name: 1.20
                  email: true
                annotations:
                  category: on
                  weight: 2.5
                """).file("typed/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n").tgz());
        try (var files = Files.list(packaged)) {
            packages = files.filter(file -> file.toString().endsWith(".tgz")).sorted().toList();
        }
        jsonServer = publish(work.resolve("repo-json"), IndexFormat.JSON);
        yamlServer = publish(work.resolve("repo-yaml"), IndexFormat.YAML);
    }

    @AfterAll
    static void stopServers() {
        for (LoopbackHttpServer server : new LoopbackHttpServer[] {jsonServer, yamlServer}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static LoopbackHttpServer publish(Path root, IndexFormat format) throws IOException {
        Files.createDirectories(root);
        LoopbackHttpServer server = StaticRepositoryServer.serve(root.toRealPath());
        RepositorySettings settings = RepositorySettings.defaults(url(server)).withIndexFormat(format);
        ChartArchiveReader reader = new ChartArchiveReader();
        new Publisher(ChartRepository.open(new LocalDirectoryStore(root), settings, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(packages.stream().map(reader::read).toList(), false);
        return server;
    }

    private static String url(LoopbackHttpServer server) {
        return server.url().toString();
    }

    private static void writeChart(Path directory, String name, String version, String type) throws IOException {
        Files.createDirectories(directory.resolve("templates"));
        Files.writeString(directory.resolve("Chart.yaml"), """
                apiVersion: v2
                name: %s
                version: %s
                appVersion: "2.4"
                description: "A chart for the fidelity test: <b>&</b> 'quotes'"
                type: %s
                home: https://kube9.io
                icon: https://kube9.io/icon.png
                keywords: [kube9, "yes", "1.0"]
                sources: [https://github.com/kube9/charts]
                maintainers:
                - name: kube9 maintainers
                  email: maintainers@kube9.invalid
                annotations:
                  artifacthub.io/license: Apache-2.0
                  category: "on"
                kubeVersion: ">=1.25.0-0"
                """.formatted(name, version, type));
        Files.writeString(directory.resolve("values.yaml"), "greeting: hello\n");
        if (type.equals("application")) {
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
    }

    // ---- the index, field by field, against `helm repo index` ----

    @Test
    void indexMatchesHelm3RepoIndex() throws Exception {
        assertSameEntriesAsHelmRepoIndex(TestTools.helm3(), "helm3");
    }

    @Test
    void indexMatchesHelm4RepoIndex() throws Exception {
        assertSameEntriesAsHelmRepoIndex(TestTools.helm4(), "helm4");
    }

    private void assertSameEntriesAsHelmRepoIndex(Path helm, String label) throws Exception {
        Path helmRepo = Files.createDirectories(work.resolve("helm-repo-index-" + label));
        for (Path pkg : packages) {
            Files.copy(pkg, helmRepo.resolve(pkg.getFileName()));
        }
        new HelmCommand(helm, work.resolve("home-index-" + label))
                .run("repo", "index", helmRepo.toString(), "--url", url(jsonServer)).assertOk("helm repo index");
        IndexCodec codec = new IndexCodec();
        ChartIndex helmIndex = codec.read(Files.readAllBytes(helmRepo.resolve("index.yaml")));
        ChartIndex ours = codec.read(Files.readAllBytes(work.resolve("repo-json/index.yaml")));

        assertEquals(withoutCreated(helmIndex), withoutCreated(ours), label + " `helm repo index` and our index differ");
        assertEquals(helmIndex.entries().get("demo").stream().map(IndexEntry::version).toList(),
                ours.entries().get("demo").stream().map(IndexEntry::version).toList());
    }

    private static Map<String, List<JsonNode>> withoutCreated(ChartIndex index) {
        Map<String, List<JsonNode>> entries = new TreeMap<>();
        index.entries().forEach((name, versions) -> {
            List<JsonNode> fields = new ArrayList<>();
            for (IndexEntry version : versions) {
                ObjectNode node = version.fields();
                assertTrue(node.has("created"), name + " " + version.version() + " has created");
                node.remove("created");
                fields.add(node);
            }
            entries.put(name, fields);
        });
        return entries;
    }

    // ---- the repository over HTTP, with each Helm version ----

    @Test
    void helm3UsesTheJsonIndexedRepository() throws Exception {
        useRepository(TestTools.helm3(), "helm3-json", jsonServer, IndexFormat.JSON);
    }

    @Test
    void helm4UsesTheJsonIndexedRepository() throws Exception {
        useRepository(TestTools.helm4(), "helm4-json", jsonServer, IndexFormat.JSON);
    }

    @Test
    void helm3UsesTheYamlIndexedRepository() throws Exception {
        useRepository(TestTools.helm3(), "helm3-yaml", yamlServer, IndexFormat.YAML);
    }

    @Test
    void helm4UsesTheYamlIndexedRepository() throws Exception {
        useRepository(TestTools.helm4(), "helm4-yaml", yamlServer, IndexFormat.YAML);
    }

    private void useRepository(Path helmBinary, String label, LoopbackHttpServer server, IndexFormat format) throws Exception {
        Path home = Files.createDirectories(work.resolve("home-" + label));
        HelmCommand helm = new HelmCommand(helmBinary, home);
        helm.run("repo", "add", "kube9", url(server)).assertOk(label + " helm repo add");

        // What Helm kept of the index: the cached copy is the bytes it downloaded.
        Path cached = helm.cacheHome().resolve("repository/kube9-index.yaml");
        assertEquals(format, IndexFormat.of(Files.readAllBytes(cached)), label + " cached index format");

        JsonNode found = JSON.readTree(helm.run("search", "repo", "kube9/", "--versions", "--devel", "-o", "json")
                .assertOk(label + " helm search repo").out());
        List<String> listed = new ArrayList<>();
        found.forEach(chart -> listed.add(chart.path("name").asText() + " " + chart.path("version").asText()
                + " app " + chart.path("app_version").asText()));
        assertEquals(List.of("kube9/demo 1.1.0 app 2.4", "kube9/demo 1.0.0 app 2.4", "kube9/signed 1.0.0 app 2.4",
                "kube9/toolkit 0.1.0-beta.1 app 2.4", "kube9/typed 0.1.0 app 1"), listed, label + " helm search repo");

        Path pulled = Files.createDirectories(home.resolve("pulled"));
        helm.run("pull", "kube9/demo", "--version", "1.0.0", "-d", pulled.toString()).assertOk(label + " helm pull");
        assertEquals(Sha256.hex(Files.readAllBytes(work.resolve("packaged/demo-1.0.0.tgz"))),
                Sha256.hex(Files.readAllBytes(pulled.resolve("demo-1.0.0.tgz"))), label + " pulled bytes");

        helm.run("pull", "kube9/signed", "--version", "1.0.0", "--verify", "--keyring", publicKeyring.toString(),
                "-d", pulled.toString()).assertOk(label + " helm pull --verify");
        assertTrue(Files.exists(pulled.resolve("signed-1.0.0.tgz.prov")), label + " provenance downloaded");

        String manifest = helm.run("template", "release", "kube9/demo", "--version", "1.1.0").assertOk(label + " helm template").out();
        assertTrue(manifest.contains("name: release-demo"), manifest);
        assertTrue(manifest.contains("chartVersion: \"1.1.0\""), manifest);
    }
}
