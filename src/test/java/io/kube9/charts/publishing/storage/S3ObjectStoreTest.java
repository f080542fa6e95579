package io.kube9.charts.publishing.storage;

/** The store contract through the real S3 API (S3Mock in this JVM), one fresh bucket per test. */
class S3ObjectStoreTest extends ObjectStoreContractTest {
    @Override
    ObjectStore newStore() {
        return TestBuckets.store(TestBuckets.create("contract"));
    }
}
