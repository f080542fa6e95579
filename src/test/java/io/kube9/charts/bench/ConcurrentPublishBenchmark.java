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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Section 3: 1, 4 and 16 publishers releasing different charts into one repository at the same time.
 * Counts completed publishes per second, lost compare-and-swaps (HTTP 412/409 seen by the proxy) per
 * publish, and entries missing from the final index. The charts are packaged beforehand, so only
 * publishing is timed; the seed flow runs under the same load once per level to show what it loses.
 */
public final class ConcurrentPublishBenchmark {
    private record LevelResult(Samples publishesPerSecond, Samples retriesPerPublish, int lost, int failed,
            int seedLost) {}

    private final BenchMode mode;
    private final Path helm;

    public ConcurrentPublishBenchmark(BenchMode mode, Path helm) {
        this.mode = mode;
        this.helm = helm;
    }

    public SectionResult run() {
        Path work = TempDirectory.create("bench-concurrency-");
        Map<Integer, LevelResult> levels = new LinkedHashMap<>();
        byte[] oursBaseline = RepositoryIndexes.ours(mode.concurrencyBaseSize());
        byte[] seedBaseline = RepositoryIndexes.helmYaml(helm, mode.concurrencyBaseSize());
        try (S3MockServer s3 = S3MockServer.start();
                S3Client direct = s3.client();
                CountingS3Proxy proxy = new CountingS3Proxy(s3.endpoint());
                S3Client proxied = S3Clients.through(proxy.endpoint())) {
            for (int publishers : mode.concurrencyLevels()) {
                Samples rate = new Samples();
                Samples retries = new Samples();
                int lost = 0;
                int failed = 0;
                for (int run = 0; run < mode.concurrencyRuns(); run++) {
                    String bucket = "concurrent-" + publishers + "-" + run;
                    direct.createBucket(b -> b.bucket(bucket));
                    direct.putObject(b -> b.bucket(bucket).key("index.yaml"), RequestBody.fromBytes(oursBaseline));
                    List<List<Path>> packages = packages(work.resolve(bucket), publishers);
                    proxy.reset();
                    long start = System.nanoTime();
                    failed += runAll(publishers, packages, tgz -> OurPublisherSide.publish(proxied, bucket, tgz));
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    int total = publishers * mode.publishesPerPublisher();
                    rate.add(total / elapsed);
                    retries.add((double) proxy.traffic().preconditionFailures() / total);
                    lost += mode.concurrencyBaseSize() + total - RepositoryCheck.countVersions(direct, bucket);
                }
                levels.put(publishers, new LevelResult(rate, retries, lost, failed,
                        seedLost(direct, proxied, work, publishers, seedBaseline)));
            }
        } finally {
            TempFiles.deleteRecursively(work);
        }
        return result(levels);
    }

    /** Runs the seed flow with the same number of concurrent publishers; returns the entries it lost. */
    private int seedLost(S3Client direct, S3Client proxied, Path work, int publishers, byte[] baseline) {
        String bucket = "seed-concurrent-" + publishers;
        direct.createBucket(b -> b.bucket(bucket));
        direct.putObject(b -> b.bucket(bucket).key("index.yaml"), RequestBody.fromBytes(baseline));
        SeedPublishFlow seed = SeedPublishFlow.s3(proxied, bucket, helm);
        List<List<Path>> sources = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            List<Path> charts = new ArrayList<>();
            for (int k = 0; k < mode.publishesPerPublisher(); k++) {
                charts.add(ChartFixture.source(work.resolve(bucket), chartName(p), "1.0." + k));
            }
            sources.add(charts);
        }
        runAll(publishers, sources, seed::publish);
        return mode.concurrencyBaseSize() + publishers * mode.publishesPerPublisher()
                - RepositoryCheck.countVersions(direct, bucket);
    }

    private List<List<Path>> packages(Path directory, int publishers) {
        List<List<Path>> all = new ArrayList<>();
        try {
            for (int p = 0; p < publishers; p++) {
                List<Path> mine = new ArrayList<>();
                for (int k = 0; k < mode.publishesPerPublisher(); k++) {
                    Path source = ChartFixture.source(directory.resolve("src"), chartName(p), "1.0." + k);
                    mine.add(ChartFixture.helmPackage(helm, source, Files.createDirectories(directory.resolve("tgz-" + p + "-" + k))));
                }
                all.add(mine);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Starts one thread per publisher, each releasing its items in order; returns how many failed. */
    private static int runAll(int publishers, List<List<Path>> items, java.util.function.Consumer<Path> publish) {
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (List<Path> mine : items) {
                Callable<Integer> publisher = () -> {
                    int failures = 0;
                    for (Path item : mine) {
                        try {
                            publish.accept(item);
                        } catch (RuntimeException e) {
                            failures++;
                            System.err.println("publish of " + item.getFileName() + " failed: " + e.getMessage());
                        }
                    }
                    return failures;
                };
                results.add(pool.submit(publisher));
            }
            int failed = 0;
            for (Future<Integer> result : results) {
                failed += result.get();
            }
            return failed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String chartName(int publisher) {
        return "kube9-concurrent-" + publisher;
    }

    private SectionResult result(Map<Integer, LevelResult> levels) {
        MarkdownTable table = new MarkdownTable("Concurrent publishers: median (min-max) over runs",
                "Publishers", "Runs", "Publishes per run", "Publishes/s", "Retries per publish",
                "kube9 lost entries", "kube9 failed publishes", "Seed flow lost entries (1 run)");
        levels.forEach((publishers, level) -> table.row(publishers, mode.concurrencyRuns(),
                publishers * mode.publishesPerPublisher(), level.publishesPerSecond().format("%.2f"),
                level.retriesPerPublish().format("%.2f"), level.lost(), level.failed(), level.seedLost()));
        SectionResult result = new SectionResult("3. Concurrent publishers").table(table)
                .note(String.format(Locale.ROOT, "Each publisher releases %d versions of its own chart, one after the other,"
                        + " into a repository of %d existing versions (in-JVM S3Mock behind the counting proxy; packages"
                        + " made by `helm package` beforehand, not timed). Retries = lost compare-and-swaps (412/409"
                        + " answers) per publish; lost entries = versions missing from the final index.",
                        mode.publishesPerPublisher(), mode.concurrencyBaseSize()))
                .note("The seed flow column runs the seed's read-modify-write (no conditional write) with the same"
                        + " number of concurrent publishers once, to show the lost-update race the publisher avoids.");
        int lost = levels.values().stream().mapToInt(LevelResult::lost).sum();
        int failed = levels.values().stream().mapToInt(LevelResult::failed).sum();
        result.target(new SectionResult.TargetCheck("Lost index entries with " + mode.concurrencyLevels()
                + " concurrent publishers", "0", lost + " lost, " + failed + " failed", lost == 0 && failed == 0,
                "lost or failed publishes are listed on the benchmark's standard error"));
        return result;
    }
}
