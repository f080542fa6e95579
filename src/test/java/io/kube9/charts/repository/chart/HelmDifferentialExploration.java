package io.kube9.charts.repository.chart;

import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.HelmVerdicts.Verdict;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The long differential run of {@code scripts/fuzz.sh}: mutates the archives of
 * {@link HelmDifferentialCorpus} (YAML edits, renamed, added and removed entries, subcharts, flipped
 * bytes), asks real Helm 3.17 and 4.1 about each batch, and saves every archive on which our verdict
 * differs from Helm's for a reason not already named (the corpus's "stricter/more lenient on purpose"
 * cases) to the output directory, with both verdicts. Not a test: a finding becomes a corpus case.
 *
 * <pre>java ... HelmDifferentialExploration SECONDS OUTPUT_DIRECTORY [SEED]</pre>
 */
public final class HelmDifferentialExploration {
    private static final String[] TOKENS = {"version: 1.0\n", "name: x\n", "apiVersion: v1\n", "dependencies:\n- name: sub\n",
        "- ~\n", "<<: *a\n", "&a ", "*a", "!!str ", "!!int ", "!!float ", "yes", "~", "0x1F", "1e3", ".nan", "---\n", "--- x\n", "\t",
        "key: [", "]", "{", "}", "'", "\"", "#", ": ", "? ", "|\n  x\n", ">-\n", "\u00a0", "\u200b", "08", "1_0", "2024-01-01",
        "null: 1\n", "maintainers:\n- name: 1\n", "annotations: {a: [b]}\n", "type: library\n", "deprecated: 1\n", "alias: a.b\n"};
    /** Our refusals that are stricter than Helm on purpose (see HelmDifferentialCorpus), by their message. */
    private static final List<String> STRICTER = List.of("more than one top-level directory", "is an absolute path", ", outside the chart",
        "is not a regular file", "apiVersion: is missing", "twice (line", "100 MiB", "files (with its subcharts)", "levels deep",
        "is named like a directory", "its checksum does not match", "its gzip header is invalid", "found character '\\t(TAB)' that cannot start any token");
    /** Helm refusals at render time, which the publisher does not do on purpose. */
    private static final List<String> RENDERING = List.of("template:", "parse error", "execution error", "error calling",
        "values don't meet the specifications", "nil pointer evaluating", "YAML parse error on", "unable to build");

    private final Random random;
    private final Path output;
    private final Path work;

    private HelmDifferentialExploration(long seed, Path output) throws IOException {
        this.random = new Random(seed);
        this.output = Files.createDirectories(output);
        this.work = Files.createTempDirectory("kube9-differential-");
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        System.err.println("differential exploration: " + seconds + " s, seed " + seed + ", findings in " + args[1]);
        int findings = new HelmDifferentialExploration(seed, Path.of(args[1])).run(Duration.ofSeconds(seconds));
        System.err.println("differential exploration: " + findings + " unexplained differences");
    }

    private int run(Duration budget) throws Exception {
        Instant end = Instant.now().plus(budget);
        HelmCommand helm = new HelmCommand(TestTools.helm3(), work.resolve("home-create"));
        helm.run("create", work.resolve("base").toString()).assertOk("helm create");
        List<HelmDifferentialCorpus.Case> corpus = new HelmDifferentialCorpus(packaged(TestTools.helm3(), "3"), packaged(TestTools.helm4(), "4"))
                .cases().stream().filter(c -> c.archive().length < 2_000_000).toList();
        int findings = 0;
        int judged = 0;
        while (Instant.now().isBefore(end)) {
            List<Path> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] mutant = mutate(corpus.get(random.nextInt(corpus.size())).archive());
                batch.add(Files.write(work.resolve("mutant-" + judged + "-" + i + ".tgz"), mutant));
            }
            CompletableFuture<Map<Path, Verdict>> three = CompletableFuture.supplyAsync(
                    () -> new HelmVerdicts(TestTools.helm3(), work.resolve("home-3")).judge(batch, Set.of()));
            Map<Path, Verdict> four = new HelmVerdicts(TestTools.helm4(), work.resolve("home-4")).judge(batch, Set.of());
            Map<Path, Verdict> threes = three.get();
            for (Path mutant : batch) {
                if (unexplained(mutant, threes.get(mutant), four.get(mutant))) {
                    findings++;
                }
                Files.delete(mutant);
            }
            judged += batch.size();
            System.err.println("differential exploration: " + judged + " archives judged, " + findings + " unexplained differences");
        }
        return findings;
    }

    private byte[] packaged(Path helmBinary, String label) throws IOException {
        Path out = Files.createDirectories(work.resolve("packaged-" + label));
        new HelmCommand(helmBinary, work.resolve("home-package-" + label)).run("package", work.resolve("base").toString(), "-d", out.toString())
                .assertOk("helm package");
        return Files.readAllBytes(out.resolve("base-0.1.0.tgz"));
    }

    private boolean unexplained(Path mutant, Verdict three, Verdict four) throws IOException {
        byte[] archive = Files.readAllBytes(mutant);
        Optional<String> ours;
        try {
            new ChartArchiveReader().read("mutant.tgz", archive, Optional.empty());
            ours = Optional.empty();
        } catch (ChartValidationException refused) {
            ours = Optional.of(refused.getMessage());
        } catch (RuntimeException crashed) {
            ours = Optional.of("crashed: " + crashed);
            Files.write(output.resolve(Sha256.hex(archive).substring(0, 16) + "-crash.tgz"), archive);
            return true;
        }
        boolean helmLoads = three.loads() && four.loads();
        if (helmLoads != ours.isPresent()) {
            return false;
        }
        String helmError = three.error() + "\n" + four.error();
        boolean backslashName = ours.isPresent() && ours.get().matches("(?s).*Chart\\.yaml name: \"[^\"]*\\\\.*");
        boolean libraryDependency = ours.isPresent() && ours.get().contains("which is not in charts/")
                && helmError.contains("library charts are not installable");
        if (ours.isPresent() && (backslashName || libraryDependency || STRICTER.stream().anyMatch(ours.get()::contains))) {
            return false;
        }
        if (ours.isEmpty() && RENDERING.stream().anyMatch(helmError::contains)) {
            return false;
        }
        String name = Sha256.hex(archive).substring(0, 16);
        Files.write(output.resolve(name + ".tgz"), archive);
        Files.writeString(output.resolve(name + ".txt"), "ours: " + ours.orElse("accepted") + "\nHelm 3.17: "
                + (three.loads() ? "loads" : three.error()) + "\nHelm 4.1: " + (four.loads() ? "loads" : four.error()) + "\n");
        return true;
    }

    private byte[] mutate(byte[] archive) {
        if (random.nextInt(10) == 0) {
            byte[] flipped = archive.clone();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return flipped;
        }
        Map<String, byte[]> entries;
        try {
            entries = new LinkedHashMap<>(HelmDifferentialCorpus.entries(archive));
        } catch (RuntimeException unreadable) {
            return archive;
        }
        if (entries.isEmpty()) {
            return archive;
        }
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            mutateEntries(entries);
        }
        ChartArchiveBuilder builder = ChartArchiveBuilder.empty();
        entries.forEach(builder::file);
        try {
            return builder.tgz();
        } catch (RuntimeException unwritable) {
            return archive;
        }
    }

    private void mutateEntries(Map<String, byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(entries.keySet());
        String top = names.get(0).contains("/") ? names.get(0).substring(0, names.get(0).indexOf('/')) : names.get(0);
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                List<String> yaml = names.stream().filter(n -> n.endsWith(".yaml") || n.endsWith(".lock")).toList();
                String target = yaml.isEmpty() ? names.get(random.nextInt(names.size())) : yaml.get(random.nextInt(yaml.size()));
                entries.put(target, editText(new String(entries.get(target), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> entries.remove(names.get(random.nextInt(names.size())));
            case 3 -> {
                String name = names.get(random.nextInt(names.size()));
                byte[] content = entries.remove(name);
                String[] renames = {top + "/charts/" + name.substring(name.indexOf('/') + 1), top + "/charts/_x/" + name, "other/" + name,
                    name + "/", name.replace('/', '\\'), top + "/charts/x.tgz", top + "/" + name};
                entries.put(renames[random.nextInt(renames.length)], content);
            }
            case 4 -> {
                String sub = "sub" + random.nextInt(3);
                String chartYaml = random.nextBoolean() ? ChartArchiveBuilder.chartYaml(sub, "1.0.0") : editText(ChartArchiveBuilder.chartYaml(sub, "1.0.0"));
                if (random.nextBoolean()) {
                    entries.put(top + "/charts/" + sub + "/Chart.yaml", chartYaml.getBytes(StandardCharsets.UTF_8));
                } else {
                    entries.put(top + "/charts/" + sub + "-1.0.0.tgz", ChartArchiveBuilder.empty().file(sub + "/Chart.yaml", chartYaml).tgz());
                }
            }
            default -> {
                String chartYaml = top + "/Chart.yaml";
                String text = new String(entries.getOrDefault(chartYaml, new byte[0]), StandardCharsets.UTF_8);
                entries.put(chartYaml, (text + "dependencies:\n- name: sub" + random.nextInt(3) + "\n  repository: https://x\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private String editText(String text) {
        StringBuilder edited = new StringBuilder(text);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            int at = edited.length() == 0 ? 0 : random.nextInt(edited.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> edited.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> {
                    int until = Math.min(edited.length(), at + 1 + random.nextInt(8));
                    edited.delete(Math.min(at, until), until);
                }
                default -> {
                    int lineStart = edited.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
                    edited.insert(lineStart, TOKENS[random.nextInt(TOKENS.length)]);
                }
            }
        }
        return edited.toString();
    }
}
