package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/synth passes --config and --outdir paths with spaces (and quotes) through Maven to the synth
 * app as one argument each. The overlay holds an unknown key, so the app names the file and stops
 * before synthesizing: the message proves the path arrived whole, and the run stays short.
 */
class SynthScriptTest {
    @TempDir
    Path dir;

    @Test
    void pathsWithSpacesReachTheSynthAppWhole() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("my configs/it's here"));
        Path config = Files.writeString(folder.resolve("staging overlay.yaml"), "environment: staging\nnoSuchKey: 1\n");

        Process process = new ProcessBuilder("scripts/synth", "--config", config.toString(), "--outdir", folder.resolve("out dir").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "scripts/synth finished");

        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains(config + ": noSuchKey: unknown key."), output);
        assertTrue(output.contains("Nothing was synthesized."), output);
    }
}
