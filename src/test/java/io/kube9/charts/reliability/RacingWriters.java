package io.kube9.charts.reliability;

import io.kube9.charts.testing.S3MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server and a number of writers, each with its own client and thread, started at the same
 * instant: the setting of the concurrency tests.
 */
final class RacingWriters implements AutoCloseable {
    /** One writer's run in a race. */
    @FunctionalInterface
    interface Run<T> {
        T run(int writer) throws Exception;
    }

    private final S3MockServer s3;
    private final List<S3Client> clients;
    private final ExecutorService threads;

    RacingWriters(int writers) {
        s3 = S3MockServer.start();
        clients = IntStream.range(0, writers).mapToObj(i -> s3.client()).toList();
        threads = Executors.newFixedThreadPool(writers);
    }

    /** Writer {@code writer}'s client (0 also sets up and reads the state). */
    S3Client client(int writer) {
        return clients.get(writer);
    }

    /** Starts every writer's run at the same instant and returns what each returned, in writer order. */
    <T> List<T> race(Run<T> run) throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients.size());
        List<Future<T>> running = new ArrayList<>();
        for (int writer = 0; writer < clients.size(); writer++) {
            int id = writer;
            running.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return run.run(id);
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        clients.forEach(S3Client::close);
        s3.close();
    }
}
