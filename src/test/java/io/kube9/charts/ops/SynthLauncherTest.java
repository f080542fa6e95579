package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.infra.SynthApp;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/synth's fast path, in a copy of the project that starts with the project's own target/synth/ (built by
 * scripts/synth here first if needed): the synth runs without Maven (a trap named mvn first on PATH proves it) and
 * writes exactly the bytes the in-JVM synth writes, so the jsii preload that loads provider modules on first use
 * changes nothing; the real cdktf CLI runs cdktf.json's app through the same fast path and writes the same stacks. A
 * change under src/main that keeps the file's size and time stamp, or a changed target/synth/, is never launched
 * stale: Maven builds again, and the rebuilt synth has the change.
 */
class SynthLauncherTest {
    private static final int TRAP_EXIT = 97;
    private static final List<String> PROJECT_FILES = List.of("pom.xml", "cdktf.json", "src/main", "scripts/synth",
            "scripts/lib/lazy-provider-exports.cjs");
    private static final String DEFAULTS = "src/main/resources/io/kube9/charts/config/defaults.yaml";

    @TempDir
    static Path dir;
    private static Path project;
    private static Path trap;

    private record Run(int exitCode, String stdout, String stderr) {}

    @BeforeAll
    static void copyTheProjectWithItsBuiltSynth() throws IOException, InterruptedException {
        Process help = new ProcessBuilder("scripts/synth", "--help").redirectErrorStream(true)
                .redirectOutput(dir.resolve("project-synth.txt").toFile()).start();
        assertTrue(help.waitFor(5, TimeUnit.MINUTES) && help.exitValue() == 0, Files.readString(dir.resolve("project-synth.txt")));
        project = Files.createDirectories(dir.resolve("project"));
        for (String file : PROJECT_FILES) {
            copy(Path.of(file), project.resolve(file));
        }
        copy(Path.of("target/synth"), project.resolve("target/synth"));
        trap = Files.createDirectories(dir.resolve("trap"));
        Path mvn = Files.writeString(trap.resolve("mvn"), "#!/bin/sh\necho 'trap: mvn was run' >&2\nexit " + TRAP_EXIT + "\n");
        assertTrue(mvn.toFile().setExecutable(true));
    }

    @Test
    void runsWithoutMavenUntilAnInputChangesAndWritesWhatTheInJvmSynthWrites() throws IOException {
        Run fast = synth("fast", true);
        assertEquals(0, fast.exitCode(), fast.stderr());
        assertFalse(fast.stderr().contains("trap"), fast.stderr());
        Path reference = SynthApp.synthesize(ConfigLoader.defaults(), Optional.of(dir.resolve("in-jvm"))).outdir();
        assertSameStacks(reference, dir.resolve("fast"));

        Run cdktf = run(List.of(TestTools.cdktf().toString(), "synth", "--output", dir.resolve("cdktf").toString()), true);
        assertEquals(0, cdktf.exitCode(), cdktf.stdout() + cdktf.stderr());
        assertFalse(cdktf.stderr().contains("trap"), "cdktf.json's app takes the fast path: " + cdktf.stderr());
        assertSameStacks(dir.resolve("fast"), dir.resolve("cdktf"));

        // Same size, same time stamp: only the content says it changed.
        Path defaults = project.resolve(DEFAULTS);
        FileTime stamp = Files.getLastModifiedTime(defaults);
        String yaml = Files.readString(defaults);
        assertTrue(yaml.contains("noncurrentVersionExpirationDays: 90"), yaml);
        Files.writeString(defaults, yaml.replace("noncurrentVersionExpirationDays: 90", "noncurrentVersionExpirationDays: 91"));
        Files.setLastModifiedTime(defaults, stamp);
        assertRebuildsInsteadOfLaunching("after a change in " + DEFAULTS);
        Run rebuilt = synth("rebuilt", false);
        assertEquals(0, rebuilt.exitCode(), rebuilt.stderr());
        assertTrue(rebuilt.stderr().contains("building the synth app with Maven"), rebuilt.stderr());
        assertTrue(stack(dir.resolve("rebuilt")).contains("\"noncurrent_days\": 91"), "the change is synthesized");

        Files.write(project.resolve("target/synth/app.jar"), new byte[] {0}, StandardOpenOption.APPEND);
        assertRebuildsInsteadOfLaunching("after target/synth/app.jar changed");
    }

    private static void assertRebuildsInsteadOfLaunching(String when) {
        Run run = synth("never-" + when.hashCode(), true);
        assertEquals(TRAP_EXIT, run.exitCode(), when + ": " + run.stderr());
        assertTrue(run.stderr().contains("trap: mvn was run"), run.stderr());
        assertFalse(Files.exists(dir.resolve("never-" + when.hashCode())), when + ": nothing was synthesized");
    }

    private static void assertSameStacks(Path expected, Path actual) throws IOException {
        List<String> stacks = List.of("kube9-charts-production", "kube9-charts-bootstrap");
        for (String stack : stacks) {
            Path file = Path.of("stacks", stack, "cdk.tf.json");
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)),
                    actual.resolve(file) + " differs from " + expected.resolve(file));
        }
    }

    private static String stack(Path outdir) throws IOException {
        return Files.readString(outdir.resolve("stacks/kube9-charts-production/cdk.tf.json"));
    }

    private static Run synth(String outdir, boolean mavenTrapped) {
        return run(List.of("scripts/synth", "--outdir", dir.resolve(outdir).toString()), mavenTrapped);
    }

    /** Runs in the copy; with {@code mavenTrapped}, a `mvn` that fails comes first on PATH. */
    private static Run run(List<String> command, boolean mavenTrapped) {
        try {
            Path stdout = Files.createTempFile(dir, "stdout", ".txt");
            Path stderr = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(project.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            if (mavenTrapped) {
                environment.put("PATH", trap + ":" + environment.get("PATH"));
            }
            // The cdktf CLI offline: no version check or telemetry, its home and plugin cache inside the test directory.
            environment.put("CHECKPOINT_DISABLE", "1");
            environment.put("DISABLE_VERSION_CHECK", "1");
            environment.put("CDKTF_HOME", dir.resolve("cdktf-home").toString());
            environment.put("CDKTF_DISABLE_PLUGIN_CACHE_ENV", "1");
            environment.put("TF_CLI_CONFIG_FILE", TestTools.terraformCliConfig().toString());
            Process process = builder.start();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), command + " finished");
            return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(file, destination, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
