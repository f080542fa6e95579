package io.kube9.charts.infra;

import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test fixture: synthesizes the stacks of a configuration into a directory, as SynthApp does. */
final class Synthesized {
    private Synthesized() {}

    /** The production chart hosting stack (built-in defaults). */
    static StackJson productionStack(Path dir) {
        return chartHostingStack(dir, ConfigLoader.defaults());
    }

    /** The chart hosting stack for the defaults with {@code overlayYaml} merged over them. */
    static StackJson chartHostingStack(Path dir, String overlayYaml) {
        return chartHostingStack(dir, config(dir, overlayYaml));
    }

    static ChartHostingConfig config(Path dir, String overlayYaml) {
        try {
            Path overlay = Files.createTempFile(dir, "overlay", ".yaml");
            Files.writeString(overlay, overlayYaml);
            return ConfigLoader.load(overlay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackJson chartHostingStack(Path dir, ChartHostingConfig config) {
        return StackJson.read(all(dir, config).stackFile(config.stackName()));
    }

    static SynthApp.Synthesis all(Path dir, ChartHostingConfig config) {
        try {
            return SynthApp.synthesize(config, Optional.of(Files.createTempDirectory(dir, "cdktf.out")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
