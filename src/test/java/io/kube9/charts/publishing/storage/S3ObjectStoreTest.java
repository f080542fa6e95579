package io.kube9.charts.publishing.storage;

import io.kube9.charts.testing.S3MockServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract through the real S3 API (S3Mock in this JVM), one fresh bucket per test. */
class S3ObjectStoreTest extends ObjectStoreContractTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3MockServer server;

    @BeforeAll
    static void startServer() {
        server = S3MockServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    ObjectStore newStore() {
        String bucket = "contract-" + BUCKETS.incrementAndGet();
        server.client().createBucket(b -> b.bucket(bucket));
        return new S3ObjectStore(server.client(), bucket);
    }
}
