package io.kube9.charts.repository.storage;

import io.kube9.charts.testing.S3MockServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One S3 API server (S3Mock) for all publishing tests in a JVM, started on first use and stopped at
 * exit; every test gets a bucket of its own, so tests never see each other's objects.
 */
public final class TestBuckets {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static S3MockServer server;

    private TestBuckets() {}

    public static synchronized S3MockServer server() {
        if (server == null) {
            S3MockServer started = S3MockServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            server = started;
        }
        return server;
    }

    /** Creates an empty bucket and returns its name. */
    public static String create(String prefix) {
        String bucket = prefix + "-" + COUNTER.incrementAndGet();
        server().client().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** A store on a new, empty bucket, through its own S3 client. */
    public static S3ObjectStore store(String bucket) {
        return new S3ObjectStore(server().client(), bucket);
    }

    /** Copies every object of {@code from} to {@code to} with S3's CopyObject (as replication would: same bytes, headers, ETag). */
    public static void copyAll(String from, String to) {
        var client = server().client();
        for (String key : store(from).list()) {
            client.copyObject(b -> b.sourceBucket(from).sourceKey(key).destinationBucket(to).destinationKey(key));
        }
    }
}
