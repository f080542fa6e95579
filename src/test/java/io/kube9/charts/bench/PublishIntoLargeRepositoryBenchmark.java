package io.kube9.charts.bench;

import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Section 2: releasing one chart into a repository that already holds N versions, on the same S3 API
 * server: our publisher versus the seed's flow. Each run restores both buckets to the same N entries,
 * then runs the two flows one after the other, alternating which goes first; the counting proxy sees
 * every request of the flow being timed.
 */
public final class PublishIntoLargeRepositoryBenchmark {
    static final String OURS = "ours";
    static final String SEED = "seed";
    private static final String PUBLISHER_TOTAL = "kube9 publisher (total)";
    private static final int TARGET_SIZE = 10_000;

    private record Key(int size, String flow) {}

    private final BenchMode mode;
    private final Path helm;
    private final Map<Key, Samples> seconds = new LinkedHashMap<>();
    private final Map<Key, Samples> requests = new LinkedHashMap<>();
    private final Map<Key, Samples> bytesMoved = new LinkedHashMap<>();
    private final Map<Key, Map<String, Samples>> phases = new LinkedHashMap<>();
    private final Map<Integer, Samples> ratios = new LinkedHashMap<>();
    private final Map<Key, List<CountingS3Proxy.Exchange>> lastRequests = new LinkedHashMap<>();

    public PublishIntoLargeRepositoryBenchmark(BenchMode mode, Path helm) {
        this.mode = mode;
        this.helm = helm;
    }

    public SectionResult run() {
        Path work = TempDirectory.create("bench-publish-");
        try (S3MockServer s3 = S3MockServer.start(OURS, SEED);
                S3Client direct = s3.client();
                CountingS3Proxy proxy = new CountingS3Proxy(s3.endpoint());
                S3Client proxied = S3Clients.through(proxy.endpoint())) {
            Flows flows = new Flows(direct, proxy, proxied, new SeedPublishFlow(proxied, SEED, helm), work);
            for (int sizeIndex = 0; sizeIndex < mode.publishSizes().size(); sizeIndex++) {
                int size = mode.publishSizes().get(sizeIndex);
                Map<String, byte[]> baseline = Map.of(OURS, RepositoryIndexes.ours(size),
                        SEED, RepositoryIndexes.helmYaml(helm, size));
                if (sizeIndex == 0) {
                    publishBoth(flows, size, baseline, "0.0.0", 0, false); // JIT and connection warm-up, not counted
                }
                for (int run = 0; run < mode.publishRunsFor(size); run++) {
                    publishBoth(flows, size, baseline, "1." + sizeIndex + "." + run, run, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return result();
    }

    private record Flows(S3Client direct, CountingS3Proxy proxy, S3Client proxied, SeedPublishFlow seed, Path work) {}

    /** Restores both buckets to the baseline, then releases {@code version} with each flow in turn. */
    private void publishBoth(Flows flows, int size, Map<String, byte[]> baseline, String version, int run, boolean record)
            throws IOException {
        baseline.forEach((bucket, index) -> flows.direct().putObject(b -> b.bucket(bucket).key("index.yaml"),
                RequestBody.fromBytes(index)));
        Map<String, Double> thisRun = new LinkedHashMap<>();
        for (String flow : run % 2 == 0 ? List.of(OURS, SEED) : List.of(SEED, OURS)) {
            Path chart = ChartFixture.source(flows.work().resolve(flow), "kube9-released", version);
            flows.proxy().reset();
            Map<String, Double> timing = new LinkedHashMap<>();
            long start = System.nanoTime();
            if (flow.equals(OURS)) {
                Path packages = Files.createDirectories(flows.work().resolve("ours-packages-" + version));
                PhaseTimer timer = new PhaseTimer(timing);
                Path tgz = timer.time("helm package", () -> ChartFixture.helmPackage(helm, chart, packages));
                timer.time(PUBLISHER_TOTAL, () -> {
                    OurPublisherSide.publish(flows.proxied(), OURS, tgz);
                    return tgz;
                });
            } else {
                timing.putAll(flows.seed().publish(chart));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            CountingS3Proxy.Traffic traffic = flows.proxy().traffic();
            if (flow.equals(OURS)) {
                Map<String, Double> waits = traffic.secondsByKind();
                timing.putAll(waits);
                timing.put("publisher in-JVM work (total minus S3 waits)",
                        timing.get(PUBLISHER_TOTAL) - waits.values().stream().mapToDouble(Double::doubleValue).sum());
            }
            lastRequests.put(new Key(size, flow), traffic.exchanges());
            RepositoryCheck.requireVersions(flows.direct(), flow, size + 1, "kube9-released", version);
            if (record) {
                record(new Key(size, flow), elapsed, traffic, timing);
            }
            thisRun.put(flow, elapsed);
        }
        if (record) {
            ratios.computeIfAbsent(size, k -> new Samples()).add(thisRun.get(OURS) / thisRun.get(SEED));
        }
    }

    private void record(Key key, double elapsed, CountingS3Proxy.Traffic traffic, Map<String, Double> timing) {
        seconds.computeIfAbsent(key, k -> new Samples()).add(elapsed);
        requests.computeIfAbsent(key, k -> new Samples()).add(traffic.requests());
        bytesMoved.computeIfAbsent(key, k -> new Samples()).add(traffic.bytesMoved());
        Map<String, Samples> phaseSamples = phases.computeIfAbsent(key, k -> new LinkedHashMap<>());
        timing.forEach((phase, value) -> phaseSamples.computeIfAbsent(phase, p -> new Samples()).add(value));
    }

    private SectionResult result() {
        MarkdownTable table = new MarkdownTable("Publishing one chart: wall time (s), S3 requests and bytes, median (min-max)",
                "Existing versions", "Runs", "Seed flow s", "kube9 publisher s", "kube9/seed time", "Seed requests",
                "kube9 requests", "Seed bytes moved", "kube9 bytes moved");
        MarkdownTable breakdown = new MarkdownTable("Where the time goes (median s per phase)",
                "Existing versions", "Flow", "Phases");
        for (int size : mode.publishSizes()) {
            Key seed = new Key(size, SEED);
            Key ours = new Key(size, OURS);
            table.row(size, seconds.get(ours).count(), seconds.get(seed).format("%.3f"), seconds.get(ours).format("%.3f"),
                    ratios.get(size).format("%.2f"), requests.get(seed).format("%.0f"), requests.get(ours).format("%.0f"),
                    bytesMoved.get(seed).format("%.0f"), bytesMoved.get(ours).format("%.0f"));
            for (Key key : List.of(seed, ours)) {
                StringBuilder text = new StringBuilder();
                phases.get(key).forEach((phase, samples) -> text.append(text.length() == 0 ? "" : "; ")
                        .append(phase).append(' ').append(String.format(Locale.ROOT, "%.3f", samples.median())));
                breakdown.row(size, key.flow().equals(SEED) ? "seed flow" : "kube9 publisher", text);
            }
        }
        MarkdownTable sequence = new MarkdownTable("S3 requests of one publish (the last run at each size)",
                "Existing versions", "Flow", "Requests in order");
        lastRequests.forEach((key, exchanges) -> sequence.row(key.size(), key.flow().equals(SEED) ? "seed flow" : "kube9 publisher",
                String.join("; ", exchanges.stream().map(CountingS3Proxy.Exchange::describe).toList())));
        SectionResult result = new SectionResult("2. Publishing one chart into a large repository")
                .table(table).table(breakdown).table(sequence)
                .note("Both flows run against one in-JVM S3Mock through a counting loopback proxy (requests; bytes = request"
                        + " and status lines, headers and bodies, both directions). Seed flow: GET index.yaml, `helm package`,"
                        + " `helm repo index --merge` (Helm 3.17), PUT the .tgz, PUT index.yaml (AWS SDK in this JVM, no"
                        + " awscli start-up). kube9: `helm package`, then the project's publisher (`OurPublisherSide`) in this JVM.")
                .note("Before every run both buckets are reset to the same N entries (kube9: JSON written by its codec;"
                        + " seed: YAML written by helm); after it the index must hold N+1 versions including the new one.");
        int smallest = mode.publishSizes().get(0);
        int largest = mode.publishSizes().get(mode.publishSizes().size() - 1);
        if (mode.publishSizes().contains(TARGET_SIZE)) {
            Samples ratio = ratios.get(TARGET_SIZE);
            result.target(new SectionResult.TargetCheck("Publish one chart at 10k versions: kube9 / seed wall time",
                    "<= 0.50", ratio.format("%.2f"), ratio.median() <= 0.5));
        }
        double first = requests.get(new Key(smallest, OURS)).median();
        double last = requests.get(new Key(largest, OURS)).median();
        result.target(new SectionResult.TargetCheck("kube9 S3 requests per publish, " + smallest + " vs " + largest
                + " existing versions", "does not grow", String.format(Locale.ROOT, "%.0f vs %.0f", first, last),
                last <= first));
        return result;
    }
}
