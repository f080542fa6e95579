package io.kube9.charts.bench;

import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Section 2: releasing one chart into a repository that already holds N versions, on the same S3 API
 * server: our publisher (in this JVM, and as the CLI in a fresh JVM) versus the seed's flow; and the CLI versus the
 * seed's flow on a local directory. Each run restores every repository to the same N entries, then runs the flows one
 * after the other, rotating which goes first; the counting proxy sees every request of the flow being timed.
 */
public final class PublishIntoLargeRepositoryBenchmark {
    /** Each flow publishes into its own bucket of the same name. */
    enum Flow {
        KUBE9("kube9", "kube9 publisher (in JVM)", false),
        KUBE9_CLI("kube9-cli", "kube9 CLI (fresh JVM)", false),
        SEED("seed", "seed flow", false),
        KUBE9_CLI_LOCAL("kube9-cli-local", "kube9 CLI (fresh JVM), local directory", true),
        SEED_LOCAL("seed-local", "seed flow, local directory", true);

        /** The bucket, or the local directory's name. */
        final String bucket;
        final String label;
        final boolean local;

        Flow(String bucket, String label, boolean local) {
            this.bucket = bucket;
            this.label = label;
            this.local = local;
        }

        boolean seed() {
            return this == SEED || this == SEED_LOCAL;
        }

        /** The seed flow on the same storage, which this flow's time is compared with. */
        Flow seedOnSameStorage() {
            return local ? SEED_LOCAL : SEED;
        }
    }

    private static final int TARGET_SIZE = 10_000;
    private static final String CHART = "kube9-released";
    private static final String PUBLISHER_TOTAL = "publish (total)";

    private record Key(int size, Flow flow) {}

    private record Setup(S3Client direct, CountingS3Proxy proxy, S3Client proxied, SeedPublishFlow seed,
            SeedPublishFlow seedLocal, List<String> cli, Path work) {
        Path directory(Flow flow) {
            return work.resolve("repository-" + flow.bucket);
        }
    }

    private final BenchMode mode;
    private final Path helm;
    private final Path projectRoot;
    private final Map<Key, Samples> seconds = new LinkedHashMap<>();
    private final Map<Key, Samples> requests = new LinkedHashMap<>();
    private final Map<Key, Samples> bytesMoved = new LinkedHashMap<>();
    private final Map<Key, Map<String, Samples>> phases = new LinkedHashMap<>();
    private final Map<Key, Samples> ratiosToSeed = new LinkedHashMap<>();
    private final Map<Key, List<CountingS3Proxy.Exchange>> lastRequests = new LinkedHashMap<>();

    public PublishIntoLargeRepositoryBenchmark(BenchMode mode, Path helm, Path projectRoot) {
        this.mode = mode;
        this.helm = helm;
        this.projectRoot = projectRoot;
    }

    public SectionResult run() {
        Path work = TempDirectory.create("bench-publish-");
        String[] buckets = java.util.Arrays.stream(Flow.values()).filter(flow -> !flow.local).map(flow -> flow.bucket)
                .toArray(String[]::new);
        try (S3MockServer s3 = S3MockServer.start(buckets);
                S3Client direct = s3.client();
                CountingS3Proxy proxy = new CountingS3Proxy(s3.endpoint());
                S3Client proxied = S3Clients.through(proxy.endpoint())) {
            Path seedDirectory = Files.createDirectories(work.resolve("repository-" + Flow.SEED_LOCAL.bucket));
            Setup setup = new Setup(direct, proxy, proxied, SeedPublishFlow.s3(proxied, Flow.SEED.bucket, helm),
                    SeedPublishFlow.localDirectory(seedDirectory, helm), OurPublisherSide.cliCommand(mode.releaseCli(), projectRoot),
                    work);
            for (int sizeIndex = 0; sizeIndex < mode.publishSizes().size(); sizeIndex++) {
                int size = mode.publishSizes().get(sizeIndex);
                Map<Flow, byte[]> baseline = new LinkedHashMap<>();
                byte[] ours = RepositoryIndexes.ours(size);
                byte[] helmYaml = RepositoryIndexes.helmYaml(helm, size);
                for (Flow flow : Flow.values()) {
                    baseline.put(flow, flow.seed() ? helmYaml : ours);
                }
                if (sizeIndex == 0 && mode.warmUp()) {
                    publishAll(setup, size, baseline, "0.0.0", 0, false); // JIT and connection warm-up, not counted
                }
                for (int run = 0; run < mode.publishRunsFor(size); run++) {
                    publishAll(setup, size, baseline, "1." + sizeIndex + "." + run, run, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return result();
    }

    /** Restores every repository to the baseline, then releases {@code version} with each flow in turn. */
    private void publishAll(Setup setup, int size, Map<Flow, byte[]> baseline, String version, int run, boolean record)
            throws IOException {
        for (Map.Entry<Flow, byte[]> reset : baseline.entrySet()) {
            Flow flow = reset.getKey();
            if (flow.local) {
                Files.write(Files.createDirectories(setup.directory(flow)).resolve("index.yaml"), reset.getValue());
            } else {
                setup.direct().putObject(b -> b.bucket(flow.bucket).key("index.yaml"), RequestBody.fromBytes(reset.getValue()));
            }
        }
        List<Flow> order = new ArrayList<>(List.of(Flow.values()));
        java.util.Collections.rotate(order, run);
        Map<Flow, Double> thisRun = new LinkedHashMap<>();
        for (Flow flow : order) {
            Path chart = ChartFixture.source(setup.work().resolve(flow.bucket), CHART, version);
            Map<String, Double> timing = new LinkedHashMap<>();
            setup.proxy().reset();
            long start = System.nanoTime();
            if (flow.seed()) {
                timing.putAll((flow.local ? setup.seedLocal() : setup.seed()).publish(chart));
            } else {
                Path packages = Files.createDirectories(setup.work().resolve(flow.bucket + "-packages-" + version));
                PhaseTimer timer = new PhaseTimer(timing);
                Path tgz = timer.time("helm package", () -> ChartFixture.helmPackage(helm, chart, packages));
                timer.time(PUBLISHER_TOTAL, () -> {
                    switch (flow) {
                        case KUBE9 -> OurPublisherSide.publish(setup.proxied(), flow.bucket, tgz);
                        case KUBE9_CLI -> OurPublisherSide.publishWithCli(setup.cli(), setup.proxy().endpoint(), flow.bucket, tgz);
                        default -> OurPublisherSide.publishWithCli(setup.cli(), setup.directory(flow), tgz);
                    }
                    return tgz;
                });
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            CountingS3Proxy.Traffic traffic = setup.proxy().traffic();
            if (!flow.seed() && !flow.local) {
                Map<String, Double> waits = traffic.secondsByKind();
                timing.putAll(waits);
                timing.put("in-JVM work" + (flow == Flow.KUBE9_CLI ? " incl. JVM start-up" : "") + " (total minus S3 waits)",
                        timing.get(PUBLISHER_TOTAL) - waits.values().stream().mapToDouble(Double::doubleValue).sum());
            }
            if (flow.local) {
                RepositoryCheck.requireVersions(setup.directory(flow), size + 1, CHART, version);
            } else {
                RepositoryCheck.requireVersions(setup.direct(), flow.bucket, size + 1, CHART, version);
            }
            if (record) {
                Key key = new Key(size, flow);
                seconds.computeIfAbsent(key, k -> new Samples()).add(elapsed);
                requests.computeIfAbsent(key, k -> new Samples()).add(traffic.requests());
                bytesMoved.computeIfAbsent(key, k -> new Samples()).add(traffic.bytesMoved());
                Map<String, Samples> phaseSamples = phases.computeIfAbsent(key, k -> new LinkedHashMap<>());
                timing.forEach((phase, value) -> phaseSamples.computeIfAbsent(phase, p -> new Samples()).add(value));
                lastRequests.put(key, traffic.exchanges());
            }
            thisRun.put(flow, elapsed);
        }
        if (record) {
            for (Flow flow : Flow.values()) {
                if (!flow.seed()) {
                    ratiosToSeed.computeIfAbsent(new Key(size, flow), k -> new Samples())
                            .add(thisRun.get(flow) / thisRun.get(flow.seedOnSameStorage()));
                }
            }
        }
    }

    private SectionResult result() {
        MarkdownTable table = new MarkdownTable("Publishing one chart: wall time (s), S3 requests and bytes, median (min-max)",
                "Existing versions", "Flow", "Runs", "Wall s", "Time / seed flow", "S3 requests", "Bytes moved");
        MarkdownTable breakdown = new MarkdownTable("Where the time goes (median s per phase)",
                "Existing versions", "Flow", "Phases");
        MarkdownTable sequence = new MarkdownTable("S3 requests of one publish (the last run at each size)",
                "Existing versions", "Flow", "Requests in order");
        for (int size : mode.publishSizes()) {
            for (Flow flow : List.of(Flow.SEED, Flow.KUBE9, Flow.KUBE9_CLI, Flow.SEED_LOCAL, Flow.KUBE9_CLI_LOCAL)) {
                Key key = new Key(size, flow);
                table.row(size, flow.label, seconds.get(key).count(), seconds.get(key).format("%.3f"),
                        flow.seed() ? "1" : ratiosToSeed.get(key).format("%.2f"),
                        flow.local ? "0 (local)" : requests.get(key).format("%.0f"),
                        flow.local ? "" : Bytes.human(bytesMoved.get(key).median()));
                breakdown.row(size, flow.label, phaseSummary(key));
                sequence.row(size, flow.label, describe(lastRequests.get(key)));
            }
        }
        SectionResult result = new SectionResult("2. Publishing one chart into a large repository")
                .table(table).table(breakdown).table(sequence)
                .note("All flows run against one in-JVM S3Mock through a counting loopback proxy (requests; bytes = request"
                        + " and status lines, headers and bodies, both directions; S3 waits = time the proxy waited on S3)."
                        + " Seed flow: GET index.yaml, `helm package`, `helm repo index --merge` (Helm 3.17), PUT the .tgz,"
                        + " PUT index.yaml (AWS SDK in this JVM, no awscli start-up). kube9: `helm package`, then the project's"
                        + " `Publisher` in this JVM, or `publish` in a fresh JVM (what a release job runs: "
                        + (mode.releaseCli() ? "`scripts/kube9-charts`, the packaged jar with its class-data archive"
                                : "the CLI's classes from the test class path with scripts/kube9-charts' JVM options")
                        + "), with the CLI's defaults (JSON index, landing page index.html kept in step, no CDN here).")
                .note("Local directory: the same flows on a directory (`publish --local-dir`; the seed flow copies"
                        + " index.yaml out and back and the package in); Time / seed flow is against the seed flow on the"
                        + " same storage.")
                .note("Before every run each bucket is reset to the same N entries (kube9: JSON written by its codec;"
                        + " seed: YAML written by helm); after it the index must hold N+1 versions including the new one."
                        + " Time / seed flow = ratio within the same run; the flows rotate who goes first.");
        if (mode.publishSizes().contains(TARGET_SIZE)) {
            for (Flow flow : List.of(Flow.KUBE9, Flow.KUBE9_CLI, Flow.KUBE9_CLI_LOCAL)) {
                Samples ratio = ratiosToSeed.get(new Key(TARGET_SIZE, flow));
                Flow seed = flow.seedOnSameStorage();
                result.target(new SectionResult.TargetCheck("Publish one chart at 10k versions: " + flow.label
                        + " / " + seed.label + " wall time", "<= 0.50", ratio.format("%.2f"), ratio.median() <= 0.5,
                        seed.label + ": " + phaseSummary(new Key(TARGET_SIZE, seed)) + ". " + flow.label + ": "
                                + phaseSummary(new Key(TARGET_SIZE, flow))));
            }
        }
        int smallest = mode.publishSizes().get(0);
        int largest = mode.publishSizes().get(mode.publishSizes().size() - 1);
        double first = requests.get(new Key(smallest, Flow.KUBE9)).median();
        double last = requests.get(new Key(largest, Flow.KUBE9)).median();
        result.target(new SectionResult.TargetCheck("kube9 S3 requests per publish, " + smallest + " vs " + largest
                + " existing versions", "does not grow", String.format(Locale.ROOT, "%.0f vs %.0f", first, last),
                last <= first, "requests at " + largest + " versions: " + describe(lastRequests.get(new Key(largest, Flow.KUBE9)))));
        return result;
    }

    private static String describe(List<CountingS3Proxy.Exchange> exchanges) {
        return String.join("; ", exchanges.stream().map(CountingS3Proxy.Exchange::describe).toList());
    }

    private String phaseSummary(Key key) {
        StringBuilder text = new StringBuilder();
        phases.get(key).forEach((phase, samples) -> text.append(text.length() == 0 ? "" : "; ")
                .append(phase).append(' ').append(String.format(Locale.ROOT, "%.3f", samples.median())));
        return text.toString();
    }
}
