package io.kube9.charts.bench;

import java.util.List;

/**
 * How much the suite measures. {@code quick} keeps every table and row shape at tiny sizes (a smoke run
 * in the test command); {@code full} is the run whose results go into docs/benchmarks.md.
 *
 * @param indexSizes            chart versions in the Helm client index-load repositories
 * @param indexRuns             interleaved runs per index size (JSON and YAML alternate who goes first)
 * @param largestIndexRuns      runs for the largest index size (capped: each YAML run takes seconds)
 * @param publishSizes          existing chart versions in the repository one chart is published into
 * @param publishRuns           interleaved runs (ours, seed flow) per repository size
 * @param largestPublishRuns    runs for the largest repository
 * @param concurrencyLevels     numbers of publishers running at once
 * @param publishesPerPublisher charts each concurrent publisher releases
 * @param concurrencyRuns       runs per concurrency level
 * @param concurrencyBaseSize   existing chart versions in the repository the concurrent publishers share
 * @param synthesisRuns         cold and warm runs of scripts/synth each; 0 leaves them out (placeholder rows)
 * @param comparisonRuns        interleaved runs of warm scripts/synth against the AWS CDK app's cdk synth, and of
 *                              each part of the synthesis profile
 * @param runTestCommand        whether section 5 times scripts/test once
 * @param warmUp                whether publishing starts with an uncounted round (JIT, connections)
 * @param releaseCli            whether the fresh-JVM publishes run the release job's command (scripts/kube9-charts: the
 *                              packaged jar with its class-data archive, built by scripts/bench.sh); otherwise the
 *                              classes on the test class path with the same JVM options (the smoke test, before packaging)
 */
public record BenchMode(String name, List<Integer> indexSizes, int indexRuns, int largestIndexRuns,
        List<Integer> publishSizes, int publishRuns, int largestPublishRuns, List<Integer> concurrencyLevels,
        int publishesPerPublisher, int concurrencyRuns, int concurrencyBaseSize, int synthesisRuns, int comparisonRuns,
        boolean runTestCommand, boolean warmUp, boolean releaseCli) {

    public static BenchMode quick() {
        return new BenchMode("quick", List.of(60, 300), 2, 1, List.of(20, 100), 1, 1, List.of(1, 4), 2, 1, 20,
                0, 0, false, false, false);
    }

    public static BenchMode full() {
        return new BenchMode("full", List.of(1_000, 10_000, 50_000), 5, 2, List.of(100, 1_000, 10_000, 50_000), 5, 3,
                List.of(1, 4, 16), 4, 3, 1_000, 2, 5, true, true, true);
    }

    /** The same mode measuring other sizes (for a focused look at one size). */
    public BenchMode withIndexSizes(List<Integer> sizes) {
        return new BenchMode(name, sizes, indexRuns, largestIndexRuns, publishSizes, publishRuns, largestPublishRuns,
                concurrencyLevels, publishesPerPublisher, concurrencyRuns, concurrencyBaseSize, synthesisRuns,
                comparisonRuns, runTestCommand, warmUp, releaseCli);
    }

    public BenchMode withPublishSizes(List<Integer> sizes) {
        return new BenchMode(name, indexSizes, indexRuns, largestIndexRuns, sizes, publishRuns, largestPublishRuns,
                concurrencyLevels, publishesPerPublisher, concurrencyRuns, concurrencyBaseSize, synthesisRuns,
                comparisonRuns, runTestCommand, warmUp, releaseCli);
    }

    /** The same mode with every run count set to {@code runs} (the cold synthesis runs at most that many). */
    public BenchMode withRuns(int runs) {
        return new BenchMode(name, indexSizes, runs, runs, publishSizes, runs, runs, concurrencyLevels,
                publishesPerPublisher, runs, concurrencyBaseSize, Math.min(synthesisRuns, runs),
                comparisonRuns == 0 ? 0 : runs, runTestCommand, warmUp, releaseCli);
    }

    public int indexRunsFor(int size) {
        return size == indexSizes.get(indexSizes.size() - 1) && indexSizes.size() > 1 ? largestIndexRuns : indexRuns;
    }

    public int publishRunsFor(int size) {
        return size == publishSizes.get(publishSizes.size() - 1) && publishSizes.size() > 1
                ? largestPublishRuns : publishRuns;
    }
}
