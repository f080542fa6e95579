package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.testing.OciRegistryServer;
import io.kube9.charts.testing.RecordedCloudFrontFake;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * scripts/ci/publish-charts.sh, the logic of .github/workflows/publish-charts.yml, end to end: a chart
 * repository's checkout is linted and packaged by the real Helm (4.1 and 3.17), published by the real CLI into
 * S3Mock (the bucket, also serving as the public URL the smoke test pulls through with Helm) and into a real OCI
 * registry on loopback that requires a login (standing in for ghcr.io with the workflow token), with the recorded
 * CloudFront FAKE for the invalidation. Not run here: the workflow's own steps around the script (GitHub's OIDC
 * token and AWS role assumption, the build-provenance attestation), which only GitHub and AWS can run.
 */
class PublishChartsScriptWithRecordedCloudFrontFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTOR = "octocat";
    private static final String WORKFLOW_TOKEN = "ghs_workflowTokenStandIn0123456789";
    private static final String DISTRIBUTION = "E2PUBLISHCHARTS";

    @TempDir
    static Path dir;
    private static S3MockServer s3;
    private static RecordedCloudFrontFake cloudFront;
    private static OciRegistryServer registry;
    private static Path source;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3MockServer.start("release", "refused", "signed");
        cloudFront = RecordedCloudFrontFake.start();
        registry = OciRegistryServer.start(ACTOR, WORKFLOW_TOKEN);
        source = Files.createDirectories(dir.resolve("chart-repository"));
        chart("demo", "1.2.3");
        chart("other", "0.9.0");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable server : new AutoCloseable[] {registry, cloudFront, s3}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // best effort: the next server still stops
            }
        }
    }

    private static void chart(String name, String version) throws Exception {
        Path charts = Files.createDirectories(source.resolve("charts"));
        Process create = new ProcessBuilder(TestTools.helm4().toString(), "create", name).directory(charts.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(create.waitFor(1, TimeUnit.MINUTES) && create.exitValue() == 0, "helm create " + name);
        Path chartYaml = charts.resolve(name).resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^version: .*$", "version: " + version));
    }

    private static String repositoryUrl(String bucket) {
        return s3.endpoint() + "/" + bucket;
    }

    /** A run as publish-charts.yml sets it up for tag {@code tag}, publishing into {@code bucket}. */
    private static CiScriptRun publishRun(String name, Path helm, String bucket, String tag) {
        return new CiScriptRun("publish-charts.sh", dir.resolve(name), helm)
                .env("SOURCE_DIR", source.toString())
                .env("GITHUB_REF", "refs/tags/" + tag)
                .env("GITHUB_REPOSITORY", "alto9/kube9-operator")
                .env("GITHUB_ACTOR", ACTOR)
                .env("TAG_PREFIX", "v")
                .env("CHART_REPOSITORY_URL", repositoryUrl(bucket))
                .env("CHART_BUCKET", bucket)
                .env("CLOUDFRONT_DISTRIBUTION_ID", DISTRIBUTION)
                .env("S3_ENDPOINT", s3.endpoint().toString())
                .env("CLOUDFRONT_ENDPOINT", cloudFront.endpoint().toString());
    }

    /** Tag v1.2.3 with Helm 4 into bucket "release" and the registry, logged in as the workflow token would be. */
    private static CiScriptRun bothChannelsRun(String name) {
        return publishRun(name, TestTools.helm4(), "release", "v1.2.3")
                .env("OCI_REPOSITORY", "oci://" + registry.host() + "/charts")
                .env("OCI_PLAIN_HTTP", "true")
                .env("OCI_LOGIN_WITH_GITHUB_TOKEN", "true")
                .env("GITHUB_TOKEN", WORKFLOW_TOKEN);
    }

    private static byte[] object(String bucket, String key) {
        ResponseBytes<GetObjectResponse> bytes = s3.client().getObjectAsBytes(request -> request.bucket(bucket).key(key));
        return bytes.asByteArray();
    }

    private static List<String> keys(String bucket) {
        return s3.client().listObjectsV2(request -> request.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    private static JsonNode output(CiScriptRun run, String name) throws Exception {
        return JSON.readTree(outputText(run, name));
    }

    private static String outputText(CiScriptRun run, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "=(.*)$").matcher(run.read("github-output"));
        assertTrue(line.find(), run.read("github-output"));
        return line.group(1);
    }

    @Test
    void publishesTheTagsChartToBothChannelsAndARerunChangesNothing() throws Exception {
        CiScriptRun run = bothChannelsRun("release");

        CiScriptRun.Result first = run.run("publish");

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("skipping charts/other: its version 0.9.0 is not the tag's 1.2.3"), first.output());
        assertTrue(first.output().contains("smoke test passed: demo 1.2.3 is served by " + repositoryUrl("release")), first.output());
        String base64 = Base64.getEncoder().encodeToString((ACTOR + ":" + WORKFLOW_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertFalse(first.output().contains(WORKFLOW_TOKEN) || first.output().contains(base64), first.output());
        try (Stream<Path> left = Files.walk(run.file("runner-temp"))) {
            assertEquals(List.of(run.file("runner-temp")), left.toList(), "the registry credentials are removed");
        }
        assertEquals(List.of("charts/demo/index.html", "demo-1.2.3.tgz", "index.html", "index.yaml"), keys("release"));
        byte[] published = object("release", "demo-1.2.3.tgz");
        String digest = Sha256.hex(published);
        JsonNode index = JSON.readTree(object("release", "index.yaml"));
        assertEquals(digest, index.path("entries").path("demo").get(0).path("digest").asText());
        JsonNode manifest = registry.manifest("charts/demo", "1.2.3").orElseThrow();
        assertEquals("sha256:" + digest, manifest.path("layers").get(0).path("digest").asText());
        assertFalse(cloudFront.invalidations(DISTRIBUTION).isEmpty());

        JsonNode charts = output(run, "charts");
        assertEquals(1, charts.size(), charts.toString());
        assertEquals(Map.of("name", "demo", "version", "1.2.3", "url", repositoryUrl("release") + "/demo-1.2.3.tgz",
                "digest", digest, "status", "UPLOADED", "oci", "oci://" + registry.host() + "/charts/demo:1.2.3"),
                JSON.convertValue(charts.get(0), Map.class));
        assertEquals("true", outputText(run, "attest"));
        assertEquals(digest + "  demo-1.2.3.tgz\n", Files.readString(Path.of(outputText(run, "subjects"))));

        CiScriptRun.Result summary = run.env("ATTESTATION_URL", "https://github.com/alto9/kube9-operator/attestations/1").run("summary");
        assertEquals(0, summary.exitCode(), summary.output());
        String markdown = run.read("github-step-summary");
        assertTrue(markdown.contains("## Charts of v1.2.3"), markdown);
        assertTrue(markdown.contains("| demo | 1.2.3 | published | pushed | not signed | `sha256:" + digest + "` | yes |"), markdown);
        assertTrue(markdown.contains("helm repo add kube9 " + repositoryUrl("release")), markdown);
        assertTrue(markdown.contains("helm install demo kube9/demo --version 1.2.3"), markdown);
        assertTrue(markdown.contains("helm install demo oci://" + registry.host() + "/charts/demo --version 1.2.3"), markdown);
        assertTrue(markdown.contains("[attestation](https://github.com/alto9/kube9-operator/attestations/1)"), markdown);
        assertTrue(markdown.contains("gh attestation verify PACKAGE.tgz --repo alto9/kube9-operator"), markdown);

        // A re-run of the job: the same checkout packaged again by Helm 4 (the same bytes), published again.
        byte[] indexBefore = object("release", "index.yaml");
        CiScriptRun rerun = bothChannelsRun("rerun");
        CiScriptRun.Result second = rerun.run("publish");
        assertEquals(0, second.exitCode(), second.output());
        assertEquals("ALREADY_PUBLISHED", output(rerun, "charts").get(0).path("status").asText());
        assertTrue(second.output().contains("smoke test passed: demo 1.2.3"), second.output());
        assertEquals(List.of("charts/demo/index.html", "demo-1.2.3.tgz", "index.html", "index.yaml"), keys("release"));
        assertEquals(digest, Sha256.hex(object("release", "demo-1.2.3.tgz")));
        assertEquals(new String(indexBefore, StandardCharsets.UTF_8), new String(object("release", "index.yaml"), StandardCharsets.UTF_8));
        assertEquals(List.of("1.2.3"), registry.tags("charts/demo"));
        assertEquals(0, rerun.run("summary").exitCode());
        assertTrue(rerun.read("github-step-summary").contains(
                "| demo | 1.2.3 | already published (same bytes; nothing written) | already pushed (same digest) | not signed |"),
                rerun.read("github-step-summary"));
    }

    @Test
    void signsWithTheKeyFromTheSecretAndPrintsNeitherKeyNorPassphrase() throws Exception {
        Path gnupg = dir.resolve("gnupg");
        Files.createDirectories(gnupg, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        String passphrase = "correct horse battery staple";
        gpg(gnupg, null, "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase, "--quick-gen-key",
                "kube9 release signing <release@kube9.invalid>", "rsa2048", "sign", "never");
        gpg(gnupg, gnupg.resolve("key.asc"), "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                "--export-secret-keys", "--armor");
        gpg(gnupg, gnupg.resolve("pubring.gpg"), "--batch", "--export");
        String key = Files.readString(gnupg.resolve("key.asc"));

        CiScriptRun run = publishRun("signed", TestTools.helm3(), "signed", "v1.2.3")
                .env("CHARTS", "charts/demo")
                .env("SIGN", "true")
                .env("SIGNING_KEY", key)
                .env("SIGNING_KEY_PASSPHRASE", passphrase);
        CiScriptRun.Result result = run.run("publish");

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains(passphrase) || result.output().contains(key.lines().skip(2).findFirst().orElseThrow()),
                result.output());
        assertEquals(List.of("charts/demo/index.html", "demo-1.2.3.tgz", "demo-1.2.3.tgz.prov", "index.html", "index.yaml"), keys("signed"));
        Path downloaded = Files.createDirectories(dir.resolve("downloaded"));
        Files.write(downloaded.resolve("demo-1.2.3.tgz"), object("signed", "demo-1.2.3.tgz"));
        Files.write(downloaded.resolve("demo-1.2.3.tgz.prov"), object("signed", "demo-1.2.3.tgz.prov"));
        Process verify = new ProcessBuilder(TestTools.helm3().toString(), "verify", "--keyring", gnupg.resolve("pubring.gpg").toString(),
                downloaded.resolve("demo-1.2.3.tgz").toString()).redirectErrorStream(true).start();
        String verified = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, verify.exitValue(), verified);
        assertEquals(0, run.run("summary").exitCode());
        assertTrue(run.read("github-step-summary").contains("| demo | 1.2.3 | published | - | .prov published |"),
                run.read("github-step-summary"));
    }

    @Test
    void refusesWhatIsNotAReleaseOfItsChartsBeforeWritingAnything() {
        record Case(String name, String tag, Map<String, String> env, String message) {}
        List<Case> cases = List.of(
                new Case("branch", null, Map.of("GITHUB_REF", "refs/heads/main"),
                        "publish-charts.yml publishes a release tag, but this run is on 'refs/heads/main'."),
                new Case("prefix", "agent-v1.2.3", Map.of(),
                        "tag 'agent-v1.2.3' does not start with the tag-prefix 'v': set the input tag-prefix"),
                new Case("no-chart", "v9.9.9", Map.of(),
                        "no chart under charts/ has version 9.9.9: bump version in Chart.yaml to the tag's version"),
                new Case("other-version", "v1.2.3", Map.of("CHARTS", "charts/demo charts/other"),
                        "charts: charts/other/Chart.yaml has version '0.9.0', not the tag's 1.2.3"),
                new Case("pattern", "v1.2.3", Map.of("CHARTS", "charts/demo\n*"),
                        "charts: '*' is a pattern, and patterns are not expanded: list the chart directories (e.g. charts/a"
                                + " charts/b), or leave charts empty to publish every charts/*/ with the tag's version"),
                new Case("missing-chart", "v1.2.3", Map.of("CHARTS", "charts/missing"),
                        "charts: 'charts/missing' has no Chart.yaml in " + source),
                new Case("unsigned", "v1.2.3", Map.of("SIGN", "true"), "sign is true but the secret signing-key is empty"),
                new Case("not-armored", "v1.2.3", Map.of("SIGN", "true", "SIGNING_KEY", "bm90IGEga2V5"),
                        "the secret signing-key is not an ASCII-armored private key"),
                new Case("no-token", "v1.2.3", Map.of("OCI_REPOSITORY", "oci://ghcr.io/alto9/charts", "OCI_LOGIN_WITH_GITHUB_TOKEN", "true"),
                        "oci-login-with-github-token is true but there is no workflow token (GITHUB_TOKEN)"));
        for (Case c : cases) {
            CiScriptRun run = publishRun("refused-" + c.name(), TestTools.helm4(), "refused", c.tag() == null ? "v1.2.3" : c.tag());
            c.env().forEach(run::env);

            CiScriptRun.Result result = run.run("publish");

            assertEquals(1, result.exitCode(), c.name() + ": " + result.output());
            assertTrue(result.output().contains("::error::" + c.message()), c.name() + ": " + result.output());
        }
        assertEquals(List.of(), keys("refused"));
    }

    /** The summary of a re-run whose package differed only in packaging, from the publisher's JSON report. */
    @Test
    void summaryOfARepackagedRerunSaysThePublishedArchiveStaysAndIsNotAttestedAgain() throws Exception {
        CiScriptRun run = new CiScriptRun("publish-charts.sh", dir.resolve("repackaged"), TestTools.helm4());
        Path work = Files.createDirectories(run.file("work"));
        Files.writeString(work.resolve("publish-report.json"), """
                {"dryRun": false, "charts": [{"name": "demo", "version": "1.2.3", "digest": "aaaa", "url": "https://charts.kube9.io/demo-1.2.3.tgz",
                  "packageStatus": "ALREADY_PUBLISHED_REPACKAGED", "provenanceStatus": "NOT_UPLOADED_SIGNS_REPACKAGED_BYTES",
                  "offeredDigest": "bbbb"}], "indexEntriesAdded": [], "indexWritten": false, "indexAttempts": 1}
                """);
        Files.writeString(work.resolve("publish-context.json"), """
                {"tag": "v1.2.3", "repositoryUrl": "https://charts.kube9.io", "ociRepository": "", "sourceRepository": "alto9/kube9-operator",
                 "attested": []}
                """);

        CiScriptRun.Result result = run.run("summary");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(run.read("github-step-summary").contains("| demo | 1.2.3 | already published: the offered archive (sha256 bbbb)"
                + " differed only in packaging; the published one stays | - | .prov not uploaded: it signs the re-packaged archive,"
                + " not the published one | `sha256:aaaa` | no: these bytes were not built by this run |"), run.read("github-step-summary"));
        assertFalse(run.read("github-step-summary").contains("attestation]("), run.read("github-step-summary"));
    }

    private static void gpg(Path home, Path output, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        Process process = builder.start();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, String.join(" ", command));
    }
}
