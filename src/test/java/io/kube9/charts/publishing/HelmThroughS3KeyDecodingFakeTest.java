package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.verification.Verifier;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositorySettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.S3KeyDecodingFake;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every version downloads behind S3: a repository the publisher wrote, served by
 * {@link S3KeyDecodingFake} (keys resolved as S3's REST API resolves them: {@code +} is a space,
 * {@code %2B} is {@code +}), used by the real Helm 3.17.3 and 4.1.4 for a version with build metadata
 * ({@code 1.0.0+build.7}): {@code repo add}, {@code pull}, {@code pull --verify} of the signed package,
 * and {@code dependency build} of a chart that depends on it. The negative control is an index with
 * literal {@code +} URLs (as {@code helm repo index} writes them), which S3 answers with 404 unless the
 * CDN rewrites the {@code +}; {@code verify} handles both forms.
 */
class HelmThroughS3KeyDecodingFakeTest {
    private static final String PLUS_VERSION = "1.0.0+build.7";

    @TempDir
    static Path work;
    private static Path repository;
    private static Path legacyRepository;
    private static S3KeyDecodingFake s3;
    private static S3KeyDecodingFake legacyS3;
    private static Path publicKeyring;
    private static byte[] plusPackage;

    @BeforeAll
    static void publishAVersionWithBuildMetadata() throws IOException {
        Path keys = SigningKey.generate(work.resolve("gnupg"));
        publicKeyring = keys.resolve("pubring.gpg");
        Path packaged = Files.createDirectories(work.resolve("packaged"));
        HelmCommand helm = new HelmCommand(TestTools.helm3(), work.resolve("home-package"));
        helm.packageSigned(writeChart(work.resolve("src/demo-plus"), "demo", PLUS_VERSION), keys, packaged);
        // another chart: SemVer ranges ignore build metadata, so a dependency on demo 1.0.0+build.7 could also pick a demo 1.0.0
        helm.packageChart(writeChart(work.resolve("src/plain"), "plain", "1.0.0"), packaged);
        plusPackage = Files.readAllBytes(packaged.resolve("demo-" + PLUS_VERSION + ".tgz"));

        repository = Files.createDirectories(work.resolve("repo")).toRealPath();
        s3 = S3KeyDecodingFake.serve(repository);
        publish(repository, s3.url().toString(), packaged);

        // An index as `helm repo index` (and this publisher before) wrote it: a literal + in the URLs
        legacyRepository = Files.createDirectories(work.resolve("legacy")).toRealPath();
        legacyS3 = S3KeyDecodingFake.serve(legacyRepository);
        publish(legacyRepository, legacyS3.url().toString(), packaged);
        Path index = legacyRepository.resolve("index.yaml");
        Files.writeString(index, Files.readString(index).replace("%2B", "+"));
    }

    @AfterAll
    static void stop() {
        for (S3KeyDecodingFake server : new S3KeyDecodingFake[] {s3, legacyS3}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void publish(Path root, String url, Path packaged) throws IOException {
        ChartArchiveReader reader = new ChartArchiveReader();
        try (var files = Files.list(packaged)) {
            List<ChartArchive> charts = files.filter(file -> file.toString().endsWith(".tgz")).sorted().map(reader::read).toList();
            new Publisher(ChartRepository.open(new LocalDirectoryStore(root), RepositorySettings.defaults(url), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).publish(charts, false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"helm3", "helm4"})
    void helmAddsPullsVerifiesAndBuildsDependenciesOfAPlusVersionThroughS3(String label) throws IOException {
        Path home = Files.createDirectories(work.resolve("home-" + label));
        HelmCommand helm = new HelmCommand(label.equals("helm3") ? TestTools.helm3() : TestTools.helm4(), home);
        helm.run("repo", "add", "kube9", s3.url().toString()).assertOk(label + " helm repo add");

        Path pulled = Files.createDirectories(home.resolve("pulled"));
        helm.run("pull", "kube9/demo", "--version", PLUS_VERSION, "--verify", "--keyring", publicKeyring.toString(),
                "-d", pulled.toString()).assertOk(label + " helm pull --verify " + PLUS_VERSION);
        assertArrayEquals(plusPackage, Files.readAllBytes(pulled.resolve("demo-" + PLUS_VERSION + ".tgz")));
        assertTrue(Files.exists(pulled.resolve("demo-" + PLUS_VERSION + ".tgz.prov")), "provenance downloaded");
        helm.run("pull", "kube9/plain", "--version", "1.0.0", "-d", pulled.toString()).assertOk(label + " helm pull 1.0.0");

        Path parent = writeChart(home.resolve("parent"), "parent", "2.0.0");
        Files.writeString(parent.resolve("Chart.yaml"), "dependencies:\n- name: demo\n  version: \"" + PLUS_VERSION + "\"\n  repository: "
                + s3.url() + "\n", java.nio.file.StandardOpenOption.APPEND);
        helm.run("dependency", "build", parent.toString()).assertOk(label + " helm dependency build");
        assertArrayEquals(plusPackage, Files.readAllBytes(parent.resolve("charts/demo-" + PLUS_VERSION + ".tgz")));
        helm.run("template", "release", parent.toString()).assertOk(label + " helm template of the parent");

        assertTrue(s3.requests().contains("/demo-1.0.0%2Bbuild.7.tgz.prov"), s3.requests().toString());
    }

    /** The defect this fixes: a literal + reaches S3 as a space. The CDN's rewrite (or %2B URLs) makes it work. */
    @ParameterizedTest
    @ValueSource(strings = {"helm3", "helm4"})
    void aLiteralPlusInAnIndexIsA404FromS3UnlessTheEdgeRewritesIt(String label) throws IOException {
        Path home = Files.createDirectories(work.resolve("home-legacy-" + label));
        HelmCommand helm = new HelmCommand(label.equals("helm3") ? TestTools.helm3() : TestTools.helm4(), home);
        legacyS3.rewritePlusAtTheEdge(false);
        helm.run("repo", "add", "legacy", legacyS3.url().toString()).assertOk(label + " helm repo add");
        HelmCommand.Result failed = helm.run("pull", "legacy/demo", "--version", PLUS_VERSION, "-d", home.toString());
        assertTrue(failed.exitCode() != 0 && (failed.err() + failed.out()).contains("404"), failed.err() + failed.out());

        legacyS3.rewritePlusAtTheEdge(true);
        helm.run("pull", "legacy/demo", "--version", PLUS_VERSION, "-d", home.toString()).assertOk(label + " helm pull behind the edge");
        assertArrayEquals(plusPackage, Files.readAllBytes(home.resolve("demo-" + PLUS_VERSION + ".tgz")));
    }

    @Test
    void verifyChecksBothUrlFormsInTheBucketAndOverHttp() {
        List<String> ours = verify(repository, s3);
        assertEquals(List.of(), ours, "our repository, bucket and public URL");

        legacyS3.rewritePlusAtTheEdge(false);
        List<String> legacy = verify(legacyRepository, legacyS3);
        assertEquals(List.of(legacyS3.url() + "/demo-1.0.0+build.7.tgz: HTTP 404 (the URL has a literal +, which S3 reads as a space:"
                + " the CDN's viewer-request function rewrites it to %2B, so check that it is deployed; `reindex` rewrites the index"
                + " with %2B URLs)"), legacy, "a literal + is found in the bucket, and fails over HTTP without the edge rewrite");
        legacyS3.rewritePlusAtTheEdge(true);
        assertEquals(List.of(), verify(legacyRepository, legacyS3), "with the edge rewrite, both forms work");
    }

    private static List<String> verify(Path root, S3KeyDecodingFake publicUrl) {
        return new Verifier(ChartRepository.open(new LocalDirectoryStore(root), RepositorySettings.defaults(publicUrl.url().toString()), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .verify(Optional.of(publicUrl.url())).problems();
    }

    private static Path writeChart(Path directory, String name, String version) throws IOException {
        Files.createDirectories(directory.resolve("templates"));
        Files.writeString(directory.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("values.yaml"), "greeting: hello\n");
        Files.writeString(directory.resolve("templates/configmap.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\n");
        return directory;
    }
}
