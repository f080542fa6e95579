package io.kube9.charts.reliability;

import io.kube9.charts.repository.ChartRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.lifecycle.ChartDeprecator;
import io.kube9.charts.lifecycle.VersionYanker;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.AtomicRequestStore;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.S3ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Yanks, unyanks and deprecations racing with publishers of the same chart, into a real S3 API server:
 * no index entry and no ledger record is lost, and every version of a deprecated chart ends up marked,
 * also those published while the deprecation ran. As in {@link ConcurrentPublishersTest}, each single
 * request is atomic ({@code AtomicRequestStore}) and the races between requests stay open.
 */
class ConcurrentLifecycleTest {
    static final int TRIALS = 5;
    static final int WRITERS = 8;
    static final RetryPolicy CONTENDED = new RetryPolicy(60, Duration.ofMillis(5), Duration.ofMillis(100));
    static final RepositorySettings SETTINGS = RepositorySettings.defaults(PublisherHarness.REPOSITORY_URL)
            .withLandingPage(false).withRetry(CONTENDED);

    private static RacingWriters writers;

    @BeforeAll
    static void start() {
        writers = new RacingWriters(WRITERS);
    }

    @AfterAll
    static void stop() {
        writers.close();
    }

    /** Half the writers yank (then unyank) a version each while the other half publish new versions. */
    @Test
    void yanksAndUnyanksRacingWithPublishersLoseNoEntryAndNoRecord() throws Exception {
        for (int trial = 1; trial <= TRIALS; trial++) {
            String bucket = "lifecycle-race-" + trial;
            Object lock = new Object();
            publishBaseline(bucket, lock);
            RepositoryState before = RepositoryState.read(writers.client(0), bucket);

            writers.race(writer -> writer % 2 == 0
                    ? new VersionYanker(lifecycle(bucket, writer, lock), Actor.NONE).yank("race", "1.0." + writer, "trial " + bucket, false)
                    : publisher(bucket, writer, lock).publish(List.of(PublisherHarness.chart("race", "2.0." + writer, false)), false));
            RepositoryState yanked = RepositoryState.read(writers.client(0), bucket);
            LedgerState.assertInvariants(before, yanked);
            assertEquals(Set.of("race 1.0.0", "race 1.0.2", "race 1.0.4", "race 1.0.6"), LedgerState.yankedEntries(yanked).keySet());
            assertEquals(Set.of("race 1.0.1", "race 1.0.3", "race 1.0.5", "race 1.0.7", "race 2.0.1", "race 2.0.3", "race 2.0.5",
                    "race 2.0.7"), LedgerState.indexedEntries(yanked).keySet(), "trial " + trial);

            writers.race(writer -> writer % 2 == 0
                    ? new VersionYanker(lifecycle(bucket, writer, lock), Actor.NONE).unyank("race", "1.0." + writer, false)
                    : publisher(bucket, writer, lock).publish(List.of(PublisherHarness.chart("race", "3.0." + writer, false)), false));
            RepositoryState unyanked = RepositoryState.read(writers.client(0), bucket);
            LedgerState.assertInvariants(yanked, unyanked);
            assertEquals(Set.of(), LedgerState.yankedEntries(unyanked).keySet());
            assertEquals(before.entries().size() + 8, unyanked.entries().size(), "trial " + trial);
            LedgerState.indexedEntries(before).forEach((version, entry) -> assertEquals(entry,
                    LedgerState.indexedEntries(unyanked).get(version), version + " is back exactly as it was"));
        }
    }

    /** One writer deprecates the chart while the others publish new versions of it. */
    @Test
    void aDeprecationRacingWithPublishersMarksEveryVersion() throws Exception {
        for (int trial = 1; trial <= TRIALS; trial++) {
            String bucket = "deprecate-race-" + trial;
            Object lock = new Object();
            publishBaseline(bucket, lock);
            RepositoryState before = RepositoryState.read(writers.client(0), bucket);

            writers.race(writer -> writer == 0
                    ? new ChartDeprecator(lifecycle(bucket, writer, lock), Actor.NONE).deprecate("race", "trial " + bucket, false)
                    : publisher(bucket, writer, lock).publish(List.of(PublisherHarness.chart("race", "2.0." + writer, false)), false));

            RepositoryState after = RepositoryState.read(writers.client(0), bucket);
            LedgerState.assertInvariants(before, after);
            Set<String> unmarked = new TreeSet<>();
            LedgerState.indexedEntries(after).forEach((version, entry) -> {
                if (!LedgerState.isMarked(entry)) {
                    unmarked.add(version);
                }
            });
            assertEquals(Set.of(), unmarked, "trial " + trial + ": versions of the deprecated chart without the mark");
            assertEquals(before.entries().size() + WRITERS - 1, after.entries().size());
        }
    }

    private static void publishBaseline(String bucket, Object lock) {
        writers.client(0).createBucket(b -> b.bucket(bucket));
        publisher(bucket, 0, lock).publish(IntStream.range(0, WRITERS)
                .mapToObj(i -> PublisherHarness.chart("race", "1.0." + i, false)).toList(), false);
    }

    private static ObjectStore store(String bucket, int writer, Object lock) {
        return new AtomicRequestStore(new S3ObjectStore(writers.client(writer), bucket), lock);
    }

    private static Publisher publisher(String bucket, int writer, Object lock) {
        return new Publisher(ChartRepository.open(store(bucket, writer, lock), SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT));
    }

    private static ChartRepository lifecycle(String bucket, int writer, Object lock) {
        return ChartRepository.open(store(bucket, writer, lock), SETTINGS, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT);
    }
}
