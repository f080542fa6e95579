package io.kube9.charts.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * An executable jar that runs the command line ({@code io.kube9.charts.cli.Kube9ChartsCli}) from the test
 * runtime classpath, so scripts that run {@code java -jar target/kube9-charts-cli.jar} (scripts/ci/lib.sh,
 * through {@code KUBE9_CLI_JAR}) can be tested without building the shaded jar in the middle of a test run.
 */
public final class CliLauncherJar {
    private CliLauncherJar() {}

    public static Path create(Path directory) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.kube9.charts.cli.Kube9ChartsCli");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        Path jar = directory.resolve("kube9-charts-cli-launcher.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
