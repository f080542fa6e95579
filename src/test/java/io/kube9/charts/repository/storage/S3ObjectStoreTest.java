package io.kube9.charts.repository.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** The store contract through the real S3 API (S3Mock in this JVM), one fresh bucket per test. */
class S3ObjectStoreTest extends ObjectStoreContractTest {
    @Override
    ObjectStore newStore() {
        return TestBuckets.store(TestBuckets.create("contract"));
    }

    @Test
    void theCliClientBoundsEachAttemptGenerouslyForAnEightyMegabyteIndexAndEachCall() {
        ClientOverrideConfiguration config = S3ObjectStore.connect("b", URI.create("http://127.0.0.1:1"), "us-east-1", true)
                .client().serviceClientConfiguration().overrideConfiguration();

        assertEquals(Optional.of(Duration.ofMinutes(5)), config.apiCallAttemptTimeout());
        assertEquals(Optional.of(Duration.ofMinutes(16)), config.apiCallTimeout());
    }
}
