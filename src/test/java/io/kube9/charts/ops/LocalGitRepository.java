package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary directory, driven by the git CLI with a fixed identity and no user config. */
final class LocalGitRepository {
    /** The environment every git call here gets (and scripts that create commits or tags should get). */
    static final Map<String, String> IDENTITY = Map.of("GIT_AUTHOR_NAME", "Maintainer", "GIT_AUTHOR_EMAIL", "maintainer@example.com",
            "GIT_COMMITTER_NAME", "Maintainer", "GIT_COMMITTER_EMAIL", "maintainer@example.com", "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_CONFIG_NOSYSTEM", "1");

    private final Path dir;

    private LocalGitRepository(Path dir) {
        this.dir = dir;
    }

    /** A new repository with branch main, or a bare one (a stand-in for the repository on GitHub). */
    static LocalGitRepository init(Path dir, boolean bare) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalGitRepository repository = new LocalGitRepository(dir);
        repository.git(bare ? List.of("init", "-q", "--bare", "-b", "main") : List.of("init", "-q", "-b", "main"));
        return repository;
    }

    Path path() {
        return dir;
    }

    /** Runs git here; fails the test if git does; returns its output. */
    String git(String... args) {
        return git(List.of(args));
    }

    private String git(List<String> args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(IDENTITY);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(1, TimeUnit.MINUTES), command.toString());
            assertEquals(0, process.exitValue(), command + ": " + output);
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A commit with this subject (it appends the subject to history.txt, so every commit changes something). */
    void commit(String subject) {
        try {
            Files.writeString(dir.resolve("history.txt"), subject + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", "-A");
        git("commit", "-q", "-m", subject);
    }

    /** An annotated tag at HEAD, as `git tag -s` makes one (without the signature). */
    void tag(String tag) {
        git("tag", "-a", tag, "-m", tag);
    }

    /** The commit a ref names (an annotated tag peeled). */
    String commitOf(String ref) {
        return git("rev-parse", ref + "^{commit}");
    }
}
