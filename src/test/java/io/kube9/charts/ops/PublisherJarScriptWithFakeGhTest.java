package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/publisher-jar.sh, which gives publish-charts.yml the released publisher jar when it is called at a
 * release tag or at @v1. The repository's tags are a real local git repository (v1.0.0 and v1.1.0 annotated, v1
 * moved to v1.1.0, as release.sh leaves them); GitHub's releases and attestations cannot be reached here, so `gh`
 * is a FAKE ({@link FakeGh}) whose `attestation verify` passes only for an artifact digest attested from the given
 * commit by release.yml.
 */
class PublisherJarScriptWithFakeGhTest {
    private static final String REPOSITORY = "alto9/kube9-charts";
    private static final String SIGNER = REPOSITORY + "/.github/workflows/release.yml";

    @TempDir
    Path dir;
    private FakeGh gh;
    private LocalGitRepository charts;
    private Path cliJar;

    @BeforeEach
    void releases() throws Exception {
        gh = new FakeGh(dir);
        charts = LocalGitRepository.init(dir.resolve("kube9-charts"), false);
        charts.commit("feat: the publisher");
        charts.tag("v1.0.0");
        release("v1.0.0", "publisher 1.0.0");
        charts.commit("feat: a faster publisher");
        charts.tag("v1.1.0");
        release("v1.1.0", "publisher 1.1.0");
        charts.git("tag", "v1", "v1.1.0^{commit}");
        cliJar = dir.resolve("kube9-charts/target/kube9-charts-cli.jar");
    }

    /** A release as release.yml makes it: the jar, its sha256 file, and an attestation from the tag's commit. */
    private void release(String tag, String content) throws Exception {
        Path assets = Files.createDirectories(gh.state("releases/" + tag));
        byte[] jar = content.getBytes();
        Files.write(assets.resolve("kube9-charts-cli.jar"), jar);
        String sha256 = sha256(jar);
        Files.writeString(assets.resolve("kube9-charts-cli.jar.sha256"), sha256 + "  kube9-charts-cli.jar\n");
        Files.writeString(gh.state("attested"), sha256 + " " + charts.commitOf(tag) + " " + SIGNER + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private FakeGh.Run run(String ref, String sha) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("WORKFLOW_REPOSITORY", REPOSITORY);
        environment.put("WORKFLOW_REF", ref);
        environment.put("WORKFLOW_SHA", sha);
        environment.put("KUBE9_CHARTS_GIT_URL", charts.path().toString());
        environment.put("KUBE9_CLI_JAR", cliJar.toString());
        environment.put("KUBE9_WORK_DIR", dir.resolve("work").toString());
        environment.put("RUNNER_TEMP", dir.toString());
        environment.put("GITHUB_OUTPUT", dir.resolve("github-output").toString());
        return gh.run(Path.of("."), environment, Path.of("scripts/ci/publisher-jar.sh").toAbsolutePath().toString());
    }

    private String outputs() throws Exception {
        return Files.exists(dir.resolve("github-output")) ? Files.readString(dir.resolve("github-output")) : "";
    }

    @Test
    void calledAtTheMajorTagItRunsTheReleaseAtThatCommitCheckedAgainstItsSha256AndAttestation() throws Exception {
        String commit = charts.commitOf("v1");

        FakeGh.Run run = run("refs/tags/v1", commit);

        assertEquals(0, run.exitCode(), run.output());
        assertEquals("publisher 1.1.0", Files.readString(cliJar));
        assertEquals("source=release\nrelease=v1.1.0\n", outputs());
        List<String> calls = gh.calls();
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).matches("release download v1\\.1\\.0 --repo alto9/kube9-charts --pattern kube9-charts-cli\\.jar"
                + " --pattern kube9-charts-cli\\.jar\\.sha256 --dir .*"), calls.get(0));
        assertTrue(calls.get(1).matches("attestation verify .*/kube9-charts-cli\\.jar --repo alto9/kube9-charts --signer-workflow "
                + SIGNER.replace(".", "\\.") + " --source-digest " + commit), calls.get(1));
    }

    @Test
    void calledAtAReleaseTagItRunsThatRelease() throws Exception {
        FakeGh.Run run = run("refs/tags/v1.0.0", charts.commitOf("v1.0.0"));

        assertEquals(0, run.exitCode(), run.output());
        assertEquals("publisher 1.0.0", Files.readString(cliJar));
        assertEquals("source=release\nrelease=v1.0.0\n", outputs());
    }

    @Test
    void calledAtMainOrACommitItLeavesTheBuildToPublishCharts() throws Exception {
        for (String ref : List.of("refs/heads/main", charts.commitOf("HEAD"))) {
            Files.deleteIfExists(dir.resolve("github-output"));

            FakeGh.Run run = run(ref, charts.commitOf("HEAD"));

            assertEquals(0, run.exitCode(), run.output());
            assertEquals("source=build\nrelease=\n", outputs(), ref);
        }
        assertEquals(List.of(), gh.calls());
        assertFalse(Files.exists(cliJar));
    }

    @Test
    void aJarThatDoesNotMatchItsSha256IsNotUsed() throws Exception {
        Files.writeString(gh.state("releases/v1.1.0/kube9-charts-cli.jar"), "tampered");

        FakeGh.Run run = run("refs/tags/v1", charts.commitOf("v1"));

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("::error::kube9-charts-cli.jar of the release v1.1.0 does not match its sha256: the jar"
                + " is not used"), run.output());
        assertFalse(Files.exists(cliJar));
        assertEquals("", outputs());
    }

    /** A jar whose sha256 file was replaced along with it still fails: no attestation from this commit names its digest. */
    @Test
    void aJarWithoutAnAttestationFromThisCommitIsNotUsed() throws Exception {
        Path assets = gh.state("releases/v1.1.0");
        Files.writeString(assets.resolve("kube9-charts-cli.jar"), "replaced");
        Files.writeString(assets.resolve("kube9-charts-cli.jar.sha256"), sha256("replaced".getBytes()) + "  kube9-charts-cli.jar\n");

        FakeGh.Run run = run("refs/tags/v1", charts.commitOf("v1"));

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("::error::the build provenance of kube9-charts-cli.jar of the release v1.1.0 does not"
                + " check out (built by release.yml of alto9/kube9-charts at " + charts.commitOf("v1") + "): the jar is not used"),
                run.output());
        assertFalse(Files.exists(cliJar));
    }

    @Test
    void aMajorTagAtACommitWithoutAReleaseOrAnotherTagIsRefusedWithWhatToCall() throws Exception {
        charts.commit("fix: not released yet");
        charts.git("tag", "-f", "v1");

        FakeGh.Run moved = run("refs/tags/v1", charts.commitOf("v1"));

        assertEquals(1, moved.exitCode(), moved.output());
        assertTrue(moved.output().contains("::error::publish-charts.yml is called at v1, which is at " + charts.commitOf("v1")
                + ", but no release tag v1.x.y of alto9/kube9-charts is at that commit"), moved.output());

        FakeGh.Run other = run("refs/tags/latest", charts.commitOf("v1"));

        assertEquals(1, other.exitCode(), other.output());
        assertTrue(other.output().contains("::error::publish-charts.yml is called at the tag latest, which is neither a release"
                + " tag (v1.2.3) nor a major tag (v1): call it at @v1, at a release tag, or at @main"), other.output());
        assertEquals(List.of(), gh.calls());
    }
}
