package io.kube9.charts.reliability;

import io.kube9.charts.repository.ChartRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.storage.AtomicRequestStore;
import io.kube9.charts.repository.storage.S3ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many publishers of different versions of one chart at once, many times over, into a real S3 API
 * server: afterwards every version is indexed exactly once with its digest. The same loss detector
 * run against the naive download-merge-upload publisher must catch it losing entries, which shows
 * the detector (and the race) is real.
 *
 * <p>S3Mock 5.2.0 does not make a single conditional PUT atomic (real S3 does), so each request is
 * made atomic with {@link AtomicRequestStore}; races between the requests of a read-merge-write stay
 * fully open.
 */
class ConcurrentPublishersTest {
    static final int TRIALS = 100;
    static final int PUBLISHERS = 8;
    static final int NAIVE_TRIALS = 20;
    static final Duration NAIVE_READ_WRITE_GAP = Duration.ofMillis(20);
    static final RetryPolicy CONTENDED = new RetryPolicy(60, Duration.ofMillis(5), Duration.ofMillis(100));
    private static final OutcomeTable OUTCOMES = new OutcomeTable("concurrency.md", "publisher", "trials", "publishers per trial",
            "trials with lost entries", "lost entries", "duplicated", "index updates retried after a lost compare-and-swap");
    private static RacingWriters publishers;

    @BeforeAll
    static void start() {
        publishers = new RacingWriters(PUBLISHERS);
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.writeSorted("");
        publishers.close();
    }

    /** What a trial left in the index for the chart all its publishers published. */
    record Audit(int lost, int duplicated) {
        static Audit of(RepositoryState state, List<String> published) {
            Map<String, Long> counts = state.entries().stream()
                    .collect(Collectors.groupingBy(RepositoryState.IndexEntry::version, Collectors.counting()));
            int lost = (int) published.stream().filter(version -> !counts.containsKey(version)).count();
            int duplicated = (int) counts.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum();
            return new Audit(lost, duplicated);
        }
    }

    @Test
    void noEntryIsLostOrDuplicatedAcrossAHundredTrialsOfEightPublishers() throws Exception {
        int attemptsBeyondFirst = 0;
        for (int trial = 1; trial <= TRIALS; trial++) {
            String bucket = "race-" + trial;
            Object requestLock = new Object();
            publishers.client(0).createBucket(b -> b.bucket(bucket));
            List<Integer> attempts = publishers.race(publisher -> {
                AtomicRequestStore store = new AtomicRequestStore(new S3ObjectStore(publishers.client(publisher), bucket), requestLock);
                Publisher real = new Publisher(ChartRepository.open(store, RepositorySettings.defaults("https://charts.example.test")
                        .withRepositoryName("test").withLandingPage(false).withRetry(CONTENDED), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT));
                return real.publish(List.of(chart(publisher)), false).indexAttempts();
            });
            attemptsBeyondFirst += attempts.stream().mapToInt(a -> a - 1).sum();
            RepositoryState state = RepositoryState.read(publishers.client(0), bucket);
            state.assertIndexConsistent();
            assertEquals(new Audit(0, 0), Audit.of(state, versions()), "trial " + trial);
        }
        OUTCOMES.add("kube9-charts (compare-and-swap)", TRIALS, PUBLISHERS, 0, 0, 0, attemptsBeyondFirst);
    }

    @Test
    void theSameCheckCatchesTheNaivePublisherLosingEntries() throws Exception {
        int trialsWithLosses = 0;
        int lost = 0;
        for (int trial = 1; trial <= NAIVE_TRIALS; trial++) {
            String bucket = "naive-" + trial;
            Object requestLock = new Object();
            publishers.client(0).createBucket(b -> b.bucket(bucket));
            publishers.race(publisher -> {
                ChartArchive chart = chart(publisher);
                new NaivePublisher(publishers.client(publisher), bucket, NAIVE_READ_WRITE_GAP, requestLock)
                        .publish(chart.name(), chart.version(), chart.content());
                return 1;
            });
            Audit audit = Audit.of(RepositoryState.read(publishers.client(0), bucket), versions());
            trialsWithLosses += audit.lost() > 0 ? 1 : 0;
            lost += audit.lost();
        }
        assertTrue(trialsWithLosses > 0, "the loss detector never caught the naive publisher: it cannot be trusted");
        OUTCOMES.add("naive download-merge-upload (negative control)", NAIVE_TRIALS, PUBLISHERS, trialsWithLosses, lost, 0,
                "none: it never notices");
    }

    private static ChartArchive chart(int publisher) {
        return PublisherHarness.chart("race", version(publisher), false);
    }

    private static String version(int publisher) {
        return "1." + publisher + ".0";
    }

    private static List<String> versions() {
        return IntStream.range(0, PUBLISHERS).mapToObj(ConcurrentPublishersTest::version).toList();
    }
}
