package io.kube9.charts.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The proxy itself, against the real S3 API server: each fault shows up at the client as it would from S3. */
class FaultProxyTest {
    private static S3MockServer s3;
    private static FaultProxy proxy;
    private static S3Client direct;

    @BeforeAll
    static void start() {
        s3 = S3MockServer.start("proxied");
        proxy = FaultProxy.start(s3.endpoint());
        direct = s3.client();
        put(direct, "warm-up", "the first request to a fresh S3Mock takes seconds");
        direct.getObjectAsBytes(b -> b.bucket("proxied").key("warm-up"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        direct.close();
        s3.close();
    }

    @BeforeEach
    void clearRules() {
        proxy.reset();
    }

    private static S3Client throughProxy(int maxAttempts) {
        return S3Client.builder()
                .endpointOverride(proxy.endpoint())
                .region(S3MockServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(1))
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(maxAttempts)))
                .build();
    }

    private static void put(S3Client client, String key, String content) {
        client.putObject(b -> b.bucket("proxied").key(key), RequestBody.fromString(content));
    }

    @Test
    void forwardsRequestsThatNoRuleMatches() {
        try (S3Client client = throughProxy(1)) {
            put(client, "plain.tgz", "bytes");
            assertEquals("bytes", client.getObjectAsBytes(b -> b.bucket("proxied").key("plain.tgz")).asUtf8String());
            assertThrows(NoSuchKeyException.class, () -> client.getObjectAsBytes(b -> b.bucket("proxied").key("absent")));
        }
        assertEquals(0, proxy.faultsInjected());
    }

    @Test
    void errorStatusesCarryS3ErrorCodes() {
        proxy.inject(Rule.always("PUT", "a.tgz", Fault.SLOW_DOWN_503))
                .inject(Rule.always("PUT", "b.tgz", Fault.CONFLICT_409))
                .inject(Rule.always("PUT", "c.tgz", Fault.INTERNAL_ERROR_500));
        try (S3Client client = throughProxy(1)) {
            S3Exception slowDown = assertThrows(S3Exception.class, () -> put(client, "a.tgz", "x"));
            assertEquals(503, slowDown.statusCode());
            assertEquals("SlowDown", slowDown.awsErrorDetails().errorCode());
            S3Exception conflict = assertThrows(S3Exception.class, () -> put(client, "b.tgz", "x"));
            assertEquals("ConditionalRequestConflict", conflict.awsErrorDetails().errorCode());
            assertEquals(500, assertThrows(S3Exception.class, () -> put(client, "c.tgz", "x")).statusCode());
        }
        assertFalse(exists("a.tgz") || exists("b.tgz") || exists("c.tgz"));
    }

    @Test
    void aFaultOnTheFirstOccurrenceIsAbsorbedByTheClientsRetry() {
        proxy.inject(Rule.once("PUT", "retried.tgz", Fault.SLOW_DOWN_503));
        try (S3Client client = throughProxy(3)) {
            put(client, "retried.tgz", "eventually");
        }
        assertEquals(1, proxy.faultsInjected());
        assertEquals(2, proxy.seen().size());
        assertTrue(exists("retried.tgz"));
    }

    @Test
    void resetMidBodyNeverReachesS3() {
        proxy.inject(Rule.always("PUT", "reset.tgz", Fault.RESET_MID_BODY));
        try (S3Client client = throughProxy(1)) {
            assertThrows(SdkClientException.class, () -> put(client, "reset.tgz", "x".repeat(100_000)));
        }
        assertFalse(exists("reset.tgz"));
    }

    @Test
    void aLostResponseLeavesTheWriteAppliedButTheClientUninformed() {
        proxy.inject(Rule.always("PUT", "lost.tgz", Fault.RESPONSE_LOST));
        try (S3Client client = throughProxy(1)) {
            assertThrows(SdkClientException.class, () -> put(client, "lost.tgz", "applied"));
        }
        assertTrue(exists("lost.tgz"));
    }

    @Test
    void aHangOutlastsTheClientsAttemptTimeout() {
        proxy.inject(Rule.always("GET", "index.yaml", Fault.HANG));
        put(direct, "index.yaml", "apiVersion: v1");
        try (S3Client client = throughProxy(1)) {
            Exception timeout = assertThrows(Exception.class,
                    () -> client.getObjectAsBytes(b -> b.bucket("proxied").key("index.yaml")));
            assertTrue(timeout.getClass().getSimpleName().contains("Timeout"), timeout.toString());
        }
    }

    @Test
    void aHeldRequestIsReportedAndDroppedOnRelease() throws Exception {
        proxy.inject(Rule.always("PUT", "held.tgz", Fault.HOLD));
        try (S3Client client = S3Client.builder()
                .endpointOverride(proxy.endpoint()).region(S3MockServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> put(client, "held.tgz", "x"));
            FaultProxy.Seen held = proxy.held().get(10, TimeUnit.SECONDS);
            assertEquals("/proxied/held.tgz", held.path());
            proxy.releaseHeld();
            Exception failure = assertThrows(Exception.class, () -> upload.get(10, TimeUnit.SECONDS));
            assertInstanceOf(SdkClientException.class, failure.getCause());
        }
        assertFalse(exists("held.tgz"));
    }

    @Test
    void slowResponsesStillComplete() {
        proxy.inject(Rule.always("PUT", "slow.tgz", Fault.SLOW_RESPONSE));
        try (S3Client client = S3Client.builder()
                .endpointOverride(URI.create(proxy.endpoint().toString())).region(S3MockServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            put(client, "slow.tgz", "late");
        }
        assertTrue(exists("slow.tgz"));
    }

    private static boolean exists(String key) {
        try {
            direct.headObject(b -> b.bucket("proxied").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
