package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/release.sh, end to end in a real local git repository with real tags and a real "origin" (a bare
 * repository beside it), copied into it as release.yml runs it from the checkout. GitHub's releases cannot be reached
 * here: `gh` is a FAKE ({@link FakeGh}) that keeps each release's assets and notes in files.
 */
class ReleaseScriptWithFakeGhTest {
    private static final String CHANGELOG = """
            # Changelog

            ## [Unreleased]

            ## [1.0.0] - 2026-12-07

            ### Added

            - The publisher CLI and the reusable workflow publish-charts.yml.

            [Unreleased]: https://github.com/alto9/kube9-charts/compare/v1.0.0...HEAD
            [1.0.0]: https://github.com/alto9/kube9-charts/releases/tag/v1.0.0
            """;

    @TempDir
    Path dir;
    private LocalGitRepository repo;
    private LocalGitRepository origin;
    private Path jar;
    private FakeGh gh;

    @BeforeEach
    void repository() throws Exception {
        gh = new FakeGh(dir);
        origin = LocalGitRepository.init(dir.resolve("origin.git"), true);
        repo = LocalGitRepository.init(dir.resolve("kube9-charts"), false);
        Files.createDirectories(repo.path().resolve("scripts/ci"));
        for (String script : List.of("release.sh", "lib.sh")) {
            Files.copy(Path.of("scripts/ci", script), repo.path().resolve("scripts/ci/" + script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        repo.git("remote", "add", "origin", origin.path().toString());
        Files.writeString(repo.path().resolve(".gitignore"), "/scripts/\n");
        repo.commit("chore: set up the repository");
        jar = Files.write(dir.resolve("built.jar"), "PK the publisher".getBytes());
    }

    /** An annotated tag, pushed to origin as docs/releases.md says. */
    private void tag(String tag) {
        repo.tag(tag);
        repo.git("push", "-q", "origin", "main", "refs/tags/" + tag);
    }

    private FakeGh.Run release(String tag, String step) {
        Map<String, String> environment = new LinkedHashMap<>(LocalGitRepository.IDENTITY);
        environment.put("HOME", dir.toString());
        environment.put("GITHUB_REF", "refs/tags/" + tag);
        environment.put("GITHUB_REPOSITORY", "alto9/kube9-charts");
        environment.put("KUBE9_WORK_DIR", dir.resolve("work").toString());
        environment.put("KUBE9_CLI_JAR", jar.toString());
        environment.put("GITHUB_OUTPUT", dir.resolve("github-output").toString());
        return gh.run(repo.path(), environment, "scripts/ci/release.sh", step);
    }

    private void buildAndPublish(String tag) {
        FakeGh.Run build = release(tag, "build");
        assertEquals(0, build.exitCode(), build.output());
        FakeGh.Run publish = release(tag, "publish");
        assertEquals(0, publish.exitCode(), publish.output());
    }

    private String originCommitOf(String ref) {
        return origin.commitOf(ref);
    }

    @Test
    void aReleaseCarriesTheJarItsSha256AndTheChangelogSectionAndMovesTheMajorTag() throws Exception {
        Files.writeString(repo.path().resolve("CHANGELOG.md"), CHANGELOG);
        repo.commit("docs: changelog for 1.0.0");
        tag("v1.0.0");

        buildAndPublish("v1.0.0");

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        Path released = gh.state("releases/v1.0.0");
        assertEquals(sha256 + "  kube9-charts-cli.jar\n", Files.readString(released.resolve("kube9-charts-cli.jar.sha256")));
        assertEquals(-1, Files.mismatch(jar, released.resolve("kube9-charts-cli.jar")));
        assertEquals("""
                ### Added

                - The publisher CLI and the reusable workflow publish-charts.yml.

                The publisher CLI: `kube9-charts-cli.jar` (sha256 in `kube9-charts-cli.jar.sha256`). Check it with
                `sha256sum -c kube9-charts-cli.jar.sha256` and `gh attestation verify kube9-charts-cli.jar --repo alto9/kube9-charts`.
                """, Files.readString(released.resolve("notes.md")));
        String work = dir.resolve("work/release").toString();
        assertTrue(gh.calls().contains("release create v1.0.0 " + work + "/kube9-charts-cli.jar " + work
                + "/kube9-charts-cli.jar.sha256 --repo alto9/kube9-charts --title v1.0.0 --notes-file " + work
                + "/notes.md --verify-tag"), gh.calls().toString());
        assertEquals(originCommitOf("refs/tags/v1.0.0"), originCommitOf("refs/tags/v1"), "v1 is at the release commit");
        assertEquals("jar=" + work + "/kube9-charts-cli.jar\nchecksum=" + work + "/kube9-charts-cli.jar.sha256\n",
                Files.readString(dir.resolve("github-output")));
    }

    @Test
    void withoutAChangelogSectionTheNotesGroupTheCommitsSinceThePreviousRelease() throws Exception {
        tag("v1.0.0");
        buildAndPublish("v1.0.0");
        repo.commit("feat(cli): verify --against a second repository");
        repo.commit("fix: keep created dates on import");
        repo.commit("docs: explain the release tags");
        repo.commit("feat!: drop the YAML index");
        tag("v1.1.0");

        FakeGh.Run notes = release("v1.1.0", "notes");

        assertEquals(0, notes.exitCode(), notes.output());
        assertTrue(notes.output().contains("""
                Changes since v1.0.0:

                ### Breaking changes

                - drop the YAML index

                ### Features

                - **cli:** verify --against a second repository

                ### Fixes

                - keep created dates on import

                ### Other changes

                - explain the release tags
                """), notes.output());
        assertFalse(notes.output().contains("set up the repository"), "commits of the previous release are left out");
        assertTrue(notes.output().contains("CHANGELOG.md has no section [1.1.0] at v1.1.0"), notes.output());
    }

    @Test
    void aPatchOfAnOlderMinorIsReleasedButTheMajorTagStaysOnTheNewestRelease() throws Exception {
        tag("v1.0.0");
        buildAndPublish("v1.0.0");
        repo.commit("feat: something new");
        tag("v1.1.0");
        buildAndPublish("v1.1.0");
        repo.git("checkout", "-q", "-b", "release-1.0", "v1.0.0");
        repo.commit("fix: a security fix for 1.0");
        tag("v1.0.1");

        FakeGh.Run publish = release("v1.0.1", "publish");

        assertEquals(0, publish.exitCode(), publish.output());
        assertTrue(Files.isDirectory(gh.state("releases/v1.0.1")));
        assertEquals(originCommitOf("refs/tags/v1.1.0"), originCommitOf("refs/tags/v1"), publish.output());
        assertTrue(publish.output().contains("v1.1.0 is a newer release of v1: v1 stays where it is"), publish.output());
    }

    @Test
    void aPreReleaseIsMarkedAndMovesNoTag() throws Exception {
        tag("v1.0.0");
        buildAndPublish("v1.0.0");
        repo.commit("feat: try this out");
        tag("v1.1.0-rc.1");

        buildAndPublish("v1.1.0-rc.1");

        assertTrue(gh.calls().stream().anyMatch(call -> call.startsWith("release create v1.1.0-rc.1 ") && call.endsWith(" --prerelease")),
                gh.calls().toString());
        assertEquals(originCommitOf("refs/tags/v1.0.0"), originCommitOf("refs/tags/v1"));
    }

    @Test
    void aReRunKeepsTheExistingReleaseAndStillMovesTheMajorTag() throws Exception {
        tag("v1.0.0");
        buildAndPublish("v1.0.0");
        origin.git("tag", "-d", "v1"); // the first run failed before the push
        FakeGh.Run rerun = release("v1.0.0", "publish");

        assertEquals(0, rerun.exitCode(), rerun.output());
        assertEquals(1, gh.calls().stream().filter(call -> call.startsWith("release create")).count(), gh.calls().toString());
        assertEquals(originCommitOf("refs/tags/v1.0.0"), originCommitOf("refs/tags/v1"));
    }

    @Test
    void aTagThatIsNotAReleaseTagIsRefusedBeforeAnythingIsBuiltOrCalled() throws Exception {
        repo.git("tag", "v1");

        FakeGh.Run run = release("v1", "build");

        assertEquals(1, run.exitCode());
        assertEquals("::error::tag 'v1' is not a release tag vMAJOR.MINOR.PATCH (e.g. v1.2.3, or v1.3.0-rc.1 for a"
                + " pre-release); the workflow runs on tags v*.*.*", run.output().strip());
        assertEquals(List.of(), gh.calls());
        assertFalse(Files.exists(dir.resolve("work/release")));
    }

    @Test
    void aJarThatNoLongerMatchesItsChecksumIsNotReleased() throws Exception {
        tag("v1.0.0");
        assertEquals(0, release("v1.0.0", "build").exitCode());
        Files.writeString(dir.resolve("work/release/kube9-charts-cli.jar"), "changed after the build");

        FakeGh.Run publish = release("v1.0.0", "publish");

        assertEquals(1, publish.exitCode());
        assertTrue(publish.output().contains("::error::kube9-charts-cli.jar does not match its checksum"), publish.output());
        assertFalse(Files.exists(gh.state("releases/v1.0.0")));
    }
}
