package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.publishing.ChartArchive;
import io.kube9.charts.publishing.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.RepositorySettings;
import io.kube9.charts.publishing.RetryPolicy;
import io.kube9.charts.publishing.cdn.Invalidator;
import io.kube9.charts.publishing.storage.AtomicRequestStore;
import io.kube9.charts.publishing.storage.S3ObjectStore;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

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
    private static S3MockServer s3;
    private static List<S3Client> clients;
    private static ExecutorService threads;

    @BeforeAll
    static void start() {
        s3 = S3MockServer.start();
        clients = IntStream.range(0, PUBLISHERS).mapToObj(i -> s3.client()).toList();
        threads = Executors.newFixedThreadPool(PUBLISHERS);
    }

    @AfterAll
    static void stop() throws IOException {
        OUTCOMES.writeSorted("");
        threads.shutdownNow();
        clients.forEach(S3Client::close);
        s3.close();
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
            List<Integer> attempts = race(bucket, publisher -> {
                Publisher real = new Publisher(new AtomicRequestStore(new S3ObjectStore(clients.get(publisher), bucket), requestLock),
                        Invalidator.NONE, RepositorySettings.defaults("https://charts.example.test")
                                .withRepositoryName("test").withLandingPage(false).withRetry(CONTENDED), Clock.systemUTC(), Progress.SILENT);
                return real.publish(List.of(chart(publisher)), false).indexAttempts();
            });
            attemptsBeyondFirst += attempts.stream().mapToInt(a -> a - 1).sum();
            RepositoryState state = RepositoryState.read(clients.get(0), bucket);
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
            race(bucket, publisher -> {
                ChartArchive chart = chart(publisher);
                new NaivePublisher(clients.get(publisher), bucket, NAIVE_READ_WRITE_GAP, requestLock)
                        .publish(chart.name(), chart.version(), chart.content());
                return 1;
            });
            Audit audit = Audit.of(RepositoryState.read(clients.get(0), bucket), versions());
            trialsWithLosses += audit.lost() > 0 ? 1 : 0;
            lost += audit.lost();
        }
        assertTrue(trialsWithLosses > 0, "the loss detector never caught the naive publisher: it cannot be trusted");
        OUTCOMES.add("naive download-merge-upload (negative control)", NAIVE_TRIALS, PUBLISHERS, trialsWithLosses, lost, 0,
                "none: it never notices");
    }

    /** One publisher's run in a trial; returns its index-update attempts. */
    @FunctionalInterface
    private interface PublisherRun {
        int run(int publisher) throws Exception;
    }

    /** Starts all publishers of a trial at the same instant and returns what each returned. */
    private static List<Integer> race(String bucket, PublisherRun publish) throws Exception {
        clients.get(0).createBucket(b -> b.bucket(bucket));
        CyclicBarrier start = new CyclicBarrier(PUBLISHERS);
        List<Future<Integer>> running = new ArrayList<>();
        for (int publisher = 0; publisher < PUBLISHERS; publisher++) {
            int id = publisher;
            running.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return publish.run(id);
            }));
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> result : running) {
            results.add(result.get(2, TimeUnit.MINUTES));
        }
        return results;
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
