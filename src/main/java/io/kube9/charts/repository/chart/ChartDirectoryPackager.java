package io.kube9.charts.repository.chart;

import io.kube9.charts.repository.support.PublishingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packages a chart directory with the real {@code helm package}, so .helmignore, dependencies in
 * charts/ and every other packaging rule are Helm's own rather than an imitation of them.
 */
public final class ChartDirectoryPackager {
    private final String helm;

    /** @param helm the helm executable: a path, or a name looked up on PATH */
    public ChartDirectoryPackager(String helm) {
        this.helm = helm;
    }

    public Path packageChart(Path chartDirectory, Path outputDirectory) {
        String source = chartDirectory.toString();
        if (!Files.isRegularFile(chartDirectory.resolve("Chart.yaml"))) {
            throw new ChartValidationException(source, "Chart.yaml", "is missing from the chart directory",
                    "Pass a chart directory (one with Chart.yaml) or a packaged .tgz");
        }
        List<String> command = List.of(helm, "package", chartDirectory.toString(), "--destination", outputDirectory.toString());
        try {
            Files.createDirectories(outputDirectory);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new ChartValidationException(source, "chart directory", "`helm package` failed: " + output,
                        "Fix the chart (try `helm lint " + source + "`) and publish again");
            }
            try (Stream<Path> files = Files.list(outputDirectory)) {
                return files.filter(file -> file.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new PublishingException("`helm package` wrote no .tgz: " + output));
            }
        } catch (IOException e) {
            throw new PublishingException("could not run `" + helm + " package` for " + source + " (" + e.getMessage()
                    + "); install Helm, put it on PATH or pass --helm, or publish the packaged .tgz instead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingException("interrupted while packaging " + source, e);
        }
    }
}
