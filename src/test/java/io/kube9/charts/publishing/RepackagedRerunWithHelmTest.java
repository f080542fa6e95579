package io.kube9.charts.publishing;

import io.kube9.charts.repository.support.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.reliability.RepositoryState;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Re-running a release with real Helm 3.17.3 and 4.1.4, through the CLI into a real S3 API (S3Mock):
 * `helm package` twice over the same files gives other bytes (Helm 3 stamps the time, Helm 4 the
 * files' modification times, which a fresh checkout changes); publishing the second package is
 * "already published" (exit 0) and the bucket stays byte for byte as it was, the published `.prov`
 * included. A changed template is a changed version: exit 4, nothing written.
 */
class RepackagedRerunWithHelmTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static Path keys;

    @BeforeAll
    static void signingKeyAndCredentials() {
        keys = SigningKey.generate(work.resolve("gnupg"));
        S3MockServer.useCredentialsInThisJvm();
    }

    static Stream<Arguments> helmVersions() {
        return Stream.of(Arguments.of("helm3", false), Arguments.of("helm3", true), Arguments.of("helm4", false), Arguments.of("helm4", true));
    }

    @ParameterizedTest(name = "{0}, signed: {1}")
    @MethodSource("helmVersions")
    void aRepackagedReleaseIsAlreadyPublishedAndAChangedOneIsRefused(String label, boolean signed) throws Exception {
        Path helmBinary = label.equals("helm3") ? TestTools.helm3() : TestTools.helm4();
        Path chart = writeChart(work.resolve(label + "-" + signed + "/chart"));
        HelmCommand helm = new HelmCommand(helmBinary, work.resolve(label + "-" + signed + "/home"));
        String bucket = TestBuckets.create("rerun");

        Path first = packageChart(helm, chart, "first", signed);
        assertEquals(0, publish(bucket, first, "json").exitCode(), "first publish");
        RepositoryState published = RepositoryState.read(TestBuckets.server().client(), bucket);

        // a re-run: a fresh checkout (new modification times), packaged a second later
        touch(chart, Instant.now().plusSeconds(3600));
        Thread.sleep(1100);
        Path second = packageChart(helm, chart, "second", signed);
        assertFalse(Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(second)), label + " re-packaged the same bytes");

        CliRun rerun = publish(bucket, second, "json");
        assertEquals(0, rerun.exitCode(), rerun.err());
        JsonNode outcome = JSON.readTree(rerun.out()).path("charts").path(0);
        assertEquals("ALREADY_PUBLISHED_REPACKAGED", outcome.path("packageStatus").asText(), rerun.out());
        assertEquals(Sha256.hex(Files.readAllBytes(first)), outcome.path("digest").asText());
        assertEquals(Sha256.hex(Files.readAllBytes(second)), outcome.path("offeredDigest").asText());
        assertEquals(signed ? "NOT_UPLOADED_SIGNS_REPACKAGED_BYTES" : "", outcome.path("provenanceStatus").asText(""));
        assertUnchanged(published, bucket);
        if (signed) {
            assertTrue(rerun.err().contains("rerun-1.0.0.tgz.prov not uploaded: it signs the re-packaged archive"), rerun.err());
            assertPublishedProvenanceVerifies(helm, bucket, label);
        }

        Files.writeString(chart.resolve("templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: changed\n");
        Path changed = packageChart(helm, chart, "changed", signed);
        CliRun refused = publish(bucket, changed, "text");
        assertEquals(4, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("): rerun/templates/configmap.yaml has other content than in the published package."
                + " Published versions are immutable"), refused.err());
        assertUnchanged(published, bucket);
    }

    @Test
    void theTextSummarySaysTheArchiveDifferedOnlyInPackaging() throws Exception {
        Path chart = writeChart(work.resolve("text/chart"));
        HelmCommand helm = new HelmCommand(TestTools.helm4(), work.resolve("text/home"));
        String bucket = TestBuckets.create("rerun-text");
        assertEquals(0, publish(bucket, packageChart(helm, chart, "first", false), "text").exitCode());
        touch(chart, Instant.now().plusSeconds(7200));

        CliRun rerun = publish(bucket, packageChart(helm, chart, "second", false), "text");

        assertEquals(0, rerun.exitCode(), rerun.err());
        assertTrue(rerun.out().startsWith("already published  rerun 1.0.0  https://charts.example.test/rerun-1.0.0.tgz\n"
                + "                   the offered archive (sha256 "), rerun.out());
        assertTrue(rerun.out().contains(") differs from the published one only in packaging (tar headers, time stamps); the"
                + " published archive (sha256 "), rerun.out());
        assertTrue(rerun.out().contains("index.yaml: unchanged (every chart already indexed)"), rerun.out());
    }

    private static CliRun publish(String bucket, Path chart, String output) {
        return CliRun.of("publish", "--bucket", bucket, "--endpoint", TestBuckets.server().endpoint().toString(), "--path-style",
                "--region", S3MockServer.REGION.id(), "--repo-url", "https://charts.example.test", "--output", output, chart.toString());
    }

    private static Path packageChart(HelmCommand helm, Path chart, String run, boolean signed) throws IOException {
        Path out = Files.createDirectories(chart.resolveSibling(run));
        if (signed) {
            helm.packageSigned(chart, keys, out);
        } else {
            helm.packageChart(chart, out);
        }
        return out.resolve("rerun-1.0.0.tgz");
    }

    private static void assertPublishedProvenanceVerifies(HelmCommand helm, String bucket, String label) throws IOException {
        Path downloaded = Files.createDirectories(work.resolve(label + "-verify"));
        var s3 = TestBuckets.server().client();
        Files.write(downloaded.resolve("rerun-1.0.0.tgz"), s3.getObjectAsBytes(b -> b.bucket(bucket).key("rerun-1.0.0.tgz")).asByteArray());
        Files.write(downloaded.resolve("rerun-1.0.0.tgz.prov"),
                s3.getObjectAsBytes(b -> b.bucket(bucket).key("rerun-1.0.0.tgz.prov")).asByteArray());
        helm.run("verify", downloaded.resolve("rerun-1.0.0.tgz").toString(), "--keyring", keys.resolve("pubring.gpg").toString())
                .assertOk(label + " helm verify of the published package and provenance");
    }

    private static void assertUnchanged(RepositoryState before, String bucket) {
        RepositoryState after = RepositoryState.read(TestBuckets.server().client(), bucket);
        assertEquals(before.objects().keySet(), after.objects().keySet(), "objects in the bucket");
        before.objects().forEach((key, bytes) -> assertTrue(Arrays.equals(bytes, after.objects().get(key)), key + " changed"));
    }

    private static Path writeChart(Path directory) throws IOException {
        Files.createDirectories(directory.resolve("templates"));
        Files.writeString(directory.resolve("Chart.yaml"), "apiVersion: v2\nname: rerun\nversion: 1.0.0\nappVersion: \"1.0\"\n");
        Files.writeString(directory.resolve("values.yaml"), "greeting: hello\n");
        Files.writeString(directory.resolve("templates/configmap.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting }}\n");
        return directory;
    }

    private static void touch(Path directory, Instant time) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(time));
            }
        }
    }
}
