package io.kube9.charts.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 1: how long Helm takes to add, update and search a repository whose index is the JSON our
 * publisher writes, versus the YAML {@code helm repo index} writes for the same entries, served over
 * loopback HTTP. Each run starts from empty HELM_* homes; JSON and YAML alternate who goes first.
 */
public final class HelmIndexLoadBenchmark {
    static final List<String> COMMANDS = List.of("repo add", "repo update", "search repo");
    static final String SEARCH_KEYWORD = "kube9";
    private static final int TARGET_SIZE = 10_000;
    private static final Map<String, Double> TARGET_SPEEDUP = Map.of("search repo", 3.5, "repo update", 2.5);

    private enum Side { JSON, YAML }

    private record Key(int size, String helm, String command, Side side) {}

    private record RatioKey(int size, String helm, String command) {}

    private final BenchMode mode;
    private final List<HelmClient> helms;
    private final Map<Key, Samples> seconds = new LinkedHashMap<>();
    private final Map<Key, Samples> memory = new LinkedHashMap<>();
    private final Map<RatioKey, Samples> speedups = new LinkedHashMap<>();
    /** Per Helm and command: the time with a one-version index, i.e. what does not depend on the index. */
    private final Map<String, Samples> fixedCost = new LinkedHashMap<>();

    public HelmIndexLoadBenchmark(BenchMode mode, Path helm3, Path helm4) {
        this.mode = mode;
        this.helms = List.of(new HelmClient("3.17", helm3), new HelmClient("4.1", helm4));
    }

    public SectionResult run() {
        SectionResult result = new SectionResult("1. Helm client index load");
        MarkdownTable wire = new MarkdownTable("Index size and bytes on the wire (one GET of index.yaml)",
                "Versions", "Index", "Identity bytes", "gzip bytes", "gzip saves");
        try (IndexHttpServer server = new IndexHttpServer()) {
            measureFixedCost(server.serve("floor", RepositoryIndexes.ours(1)));
            for (int size : mode.indexSizes()) {
                Map<Side, byte[]> indexes = Map.of(Side.JSON, RepositoryIndexes.ours(size),
                        Side.YAML, RepositoryIndexes.helmYaml(helms.get(0).binary(), size));
                Map<Side, URI> urls = new LinkedHashMap<>();
                for (Side side : Side.values()) {
                    urls.put(side, server.serve(side.name().toLowerCase(Locale.ROOT) + "-" + size, indexes.get(side)));
                    long identity = WireBytes.fetch(server, urls.get(side), false);
                    long gzip = WireBytes.fetch(server, urls.get(side), true);
                    wire.row(size, label(side), identity, gzip, String.format(Locale.ROOT, "%.1fx", (double) identity / gzip));
                }
                measure(size, urls);
            }
            result.note("`Accept-Encoding` by client: " + server.acceptEncodingByUserAgent()
                    + " (Helm's HTTP getter disables Go's transparent compression), so Helm always downloads the"
                    + " identity bytes; the gzip column is what a gzip-capable client (browser, curl --compressed,"
                    + " CloudFront to the viewer) receives. A server that gzips regardless breaks Helm: `helm repo add`"
                    + " fails with `error converting YAML to JSON: yaml: control characters are not allowed`.");
        } finally {
            helms.forEach(HelmClient::close);
        }
        result.table(timesTable()).table(fixedCostTable()).table(wire);
        result.note("JSON = the index our publisher's codec writes (`OurPublisherSide`); YAML = what real"
                + " `helm repo index` (3.17) writes for the same entries: helm merges the synthetic index into an"
                + " empty chart directory (`helm repo index EMPTY --merge synthetic.json`) and writes its own YAML;"
                + " the benchmark checks that helm's YAML holds exactly the given entries.");
        result.note("Runs per size are in the Runs column: the largest size runs fewer times (" + mode.largestIndexRuns()
                + " in this mode) because each YAML command there takes tens of seconds on this machine.");
        result.note("Fixed cost = Helm start-up, HTTP and cache files with a one-version index; the index-dependent"
                + " speed-up in the targets table is (YAML median - fixed) / (JSON median - fixed).");
        result.note("Each run: fresh HELM_CACHE_HOME/HELM_CONFIG_HOME/HELM_DATA_HOME, then `helm repo add`, `helm repo update`,"
                + " `helm search repo " + SEARCH_KEYWORD + "`, timed one by one; peak memory = max RSS from GNU time."
                + " Speed-up = YAML time / JSON time of the same run (runs interleave JSON and YAML).");
        targetChecks(result);
        return result;
    }

    private void measure(int size, Map<Side, URI> urls) {
        for (int run = 0; run < mode.indexRunsFor(size); run++) {
            for (HelmClient helm : helms) {
                List<Side> order = run % 2 == 0 ? List.of(Side.JSON, Side.YAML) : List.of(Side.YAML, Side.JSON);
                Map<Side, Map<String, Double>> thisRun = new LinkedHashMap<>();
                for (Side side : order) {
                    thisRun.put(side, runOnce(size, helm, side, urls.get(side)));
                }
                for (String command : COMMANDS) {
                    speedups.computeIfAbsent(new RatioKey(size, helm.label(), command), k -> new Samples())
                            .add(thisRun.get(Side.YAML).get(command) / thisRun.get(Side.JSON).get(command));
                }
            }
        }
    }

    private void measureFixedCost(URI url) {
        for (int run = 0; run < mode.indexRuns(); run++) {
            for (HelmClient helm : helms) {
                helm.reset();
                Map<String, MeasuredProcess.Run> runs = new LinkedHashMap<>();
                runs.put("repo add", helm.repoAdd("bench", url));
                runs.put("repo update", helm.repoUpdate());
                runs.put("search repo", helm.searchRepo(SEARCH_KEYWORD));
                runs.forEach((command, measured) -> fixedCost.computeIfAbsent(helm.label() + " " + command,
                        k -> new Samples()).add(measured.seconds()));
            }
        }
    }

    private Map<String, Double> runOnce(int size, HelmClient helm, Side side, URI url) {
        helm.reset();
        Map<String, MeasuredProcess.Run> runs = new LinkedHashMap<>();
        runs.put("repo add", helm.repoAdd("bench", url));
        runs.put("repo update", helm.repoUpdate());
        runs.put("search repo", helm.searchRepo(SEARCH_KEYWORD));
        requireCharts(size, side, runs.get("search repo").output());
        Map<String, Double> times = new LinkedHashMap<>();
        runs.forEach((command, measured) -> {
            Key key = new Key(size, helm.label(), command, side);
            seconds.computeIfAbsent(key, k -> new Samples()).add(measured.seconds());
            memory.computeIfAbsent(key, k -> new Samples()).add(measured.maxRssMib());
            times.put(command, measured.seconds());
        });
        return times;
    }

    /** helm search lists the newest version of each chart: all of them must be there, on both sides. */
    private static void requireCharts(int size, Side side, String searchOutput) {
        int charts = (size + SyntheticRepository.VERSIONS_PER_CHART - 1) / SyntheticRepository.VERSIONS_PER_CHART;
        long listed = searchOutput.lines().filter(line -> line.startsWith("bench/")).count();
        if (listed != charts) {
            throw new IllegalStateException("helm search listed " + listed + " charts from the " + side + " index of "
                    + size + " versions, expected " + charts + ":\n" + searchOutput);
        }
    }

    private MarkdownTable timesTable() {
        MarkdownTable table = new MarkdownTable("Helm client: wall time (s) and peak memory (MiB), median (min-max)",
                "Versions", "Helm", "Command", "Runs", "YAML s", "JSON s", "Speed-up YAML/JSON", "YAML MiB", "JSON MiB");
        for (int size : mode.indexSizes()) {
            for (HelmClient helm : helms) {
                for (String command : COMMANDS) {
                    Key yaml = new Key(size, helm.label(), command, Side.YAML);
                    Key json = new Key(size, helm.label(), command, Side.JSON);
                    table.row(size, helm.label(), "`helm " + command + "`", seconds.get(json).count(),
                            seconds.get(yaml).format("%.3f"), seconds.get(json).format("%.3f"),
                            speedups.get(new RatioKey(size, helm.label(), command)).format("%.2fx"),
                            memory.get(yaml).format("%.0f"), memory.get(json).format("%.0f"));
                }
            }
        }
        return table;
    }

    private MarkdownTable fixedCostTable() {
        MarkdownTable table = new MarkdownTable("Fixed cost: the same commands against a one-version index (s)",
                "Helm", "Command", "Runs", "Wall s");
        for (HelmClient helm : helms) {
            for (String command : COMMANDS) {
                Samples samples = fixedCost.get(helm.label() + " " + command);
                table.row(helm.label(), "`helm " + command + "`", samples.count(), samples.format("%.3f"));
            }
        }
        return table;
    }

    /** YAML/JSON speed-up of the part of the time that depends on the index (medians minus the fixed cost). */
    private double indexDependentSpeedup(int size, String helm, String command) {
        double floor = fixedCost.get(helm + " " + command).median();
        return (seconds.get(new Key(size, helm, command, Side.YAML)).median() - floor)
                / (seconds.get(new Key(size, helm, command, Side.JSON)).median() - floor);
    }

    private String breakdown(int size, String helm, String command) {
        double floor = fixedCost.get(helm + " " + command).median();
        double yaml = seconds.get(new Key(size, helm, command, Side.YAML)).median();
        double json = seconds.get(new Key(size, helm, command, Side.JSON)).median();
        return String.format(Locale.ROOT, "YAML %.3f s, JSON %.3f s; %.3f s of each is the fixed cost (Helm start-up,"
                + " HTTP, repository and cache files, measured with a one-version index), so the index-dependent part is"
                + " %.3f s vs %.3f s (%.2fx). With that fixed cost, even an infinitely fast parser would give at most %.2fx.",
                yaml, json, floor, yaml - floor, json - floor, indexDependentSpeedup(size, helm, command), yaml / floor);
    }

    private void targetChecks(SectionResult result) {
        if (!mode.indexSizes().contains(TARGET_SIZE)) {
            return;
        }
        TARGET_SPEEDUP.forEach((command, target) -> {
            for (HelmClient helm : helms) {
                Samples speedup = speedups.get(new RatioKey(TARGET_SIZE, helm.label(), command));
                result.target(new SectionResult.TargetCheck("`helm " + command + "` at 10k versions, Helm " + helm.label(),
                        String.format(Locale.ROOT, ">= %.1fx faster than YAML", target), speedup.format("%.2fx")
                                + String.format(Locale.ROOT, " (index-dependent part: %.2fx)",
                                        indexDependentSpeedup(TARGET_SIZE, helm.label(), command)),
                        speedup.median() >= target, breakdown(TARGET_SIZE, helm.label(), command)));
            }
        });
    }

    private static String label(Side side) {
        return side == Side.JSON ? "JSON (kube9 publisher)" : "YAML (helm repo index)";
    }
}
