package io.kube9.charts.repository.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a real Helm binary decides about many chart archives, in one shell process per batch (Helm
 * starts in about 0.1 s, so one process per archive would dominate): {@code helm template} loads the
 * archive as install does (every subchart, the dependency check, Helm 4's API version check) and
 * renders it; {@code helm show chart} prints the metadata Helm indexes.
 */
final class HelmVerdicts {
    /**
     * @param loads    Helm loads and renders the chart, as {@code helm install} would (a library chart,
     *                 which Helm loads but never installs, counts as loaded)
     * @param error    Helm's error message when it does not (for a library chart: that it is not installable)
     * @param metadata {@code helm show chart}'s output when asked for and loaded, else null
     * @param millis   how long {@code helm template} took
     */
    record Verdict(boolean loads, String error, String metadata, long millis) {}

    private final Path helm;
    private final Path home;

    HelmVerdicts(Path helm, Path home) {
        this.helm = helm;
        this.home = home;
    }

    /** Helm's verdict on each archive; {@code showChart} lists the archives whose metadata is printed too. */
    Map<Path, Verdict> judge(List<Path> archives, java.util.Set<Path> showChart) {
        try {
            Files.createDirectories(home);
            Path results = Files.createTempDirectory(home, "verdicts-");
            StringBuilder script = new StringBuilder("export HELM_CACHE_HOME=\"$1/cache\" HELM_CONFIG_HOME=\"$1/config\""
                    + " HELM_DATA_HOME=\"$1/data\" KUBECONFIG=\"$1/no-kubeconfig\"\nhelm=\"$2\"; out=\"$3\"; shift 3; i=0\n"
                    + "for chart in \"$@\"; do\n"
                    + "  start=$(date +%s%N); \"$helm\" template release \"$chart\" >/dev/null 2>\"$out/$i.err\"; echo $? >\"$out/$i.rc\"\n"
                    + "  echo $(( ($(date +%s%N) - start) / 1000000 )) >\"$out/$i.ms\"\n"
                    + "  case \"$chart\" in *.show.tgz) \"$helm\" show chart \"$chart\" >\"$out/$i.chart\" 2>/dev/null;; esac\n"
                    + "  i=$((i+1))\ndone\n");
            List<String> command = new ArrayList<>(List.of("bash", "-c", script.toString(), "verdicts",
                    home.toString(), helm.toString(), results.toString()));
            List<Path> inputs = new ArrayList<>();
            for (Path archive : archives) {
                Path input = archive;
                if (showChart.contains(archive)) {
                    input = results.resolve(inputs.size() + ".show.tgz");
                    Files.copy(archive, input);
                }
                inputs.add(input);
                command.add(input.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(helm + " did not judge " + archives.size() + " archives within 10 minutes");
            }
            Map<Path, Verdict> verdicts = new LinkedHashMap<>();
            for (int i = 0; i < archives.size(); i++) {
                String error = Files.readString(results.resolve(i + ".err"), StandardCharsets.UTF_8).strip();
                boolean rendered = Files.readString(results.resolve(i + ".rc")).strip().equals("0");
                boolean library = error.contains("library charts are not installable");
                Path chart = results.resolve(i + ".chart");
                verdicts.put(archives.get(i), new Verdict(rendered || library, rendered ? "" : error,
                        Files.exists(chart) && (rendered || library) ? Files.readString(chart, StandardCharsets.UTF_8) : null,
                        Long.parseLong(Files.readString(results.resolve(i + ".ms")).strip())));
            }
            return verdicts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
