package io.kube9.charts.repository.cdn;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/**
 * CloudFront invalidations. The caller reference makes the request idempotent: CloudFront answers a
 * repeated reference with the same paths with the invalidation it already created.
 */
public final class CloudFrontInvalidator implements Invalidator {
    private static final String COMPLETED = "Completed";
    /** CreateInvalidation and GetInvalidation are small; a healthy answer takes seconds. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    /** Bounds one API call across the SDK's 3 attempts and its backoff. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final CloudFrontClient client;
    private final String distributionId;
    private final Duration pollInterval;
    private final Duration timeout;

    public CloudFrontInvalidator(CloudFrontClient client, String distributionId, Duration pollInterval, Duration timeout) {
        this.client = client;
        this.distributionId = distributionId;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** How often a wait asks CloudFront for the invalidation's status, unless told otherwise. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

    /**
     * Uses the standard AWS credentials chain; {@code endpoint} is null for AWS itself; a wait polls at {@code pollInterval}
     * ({@link #POLL_INTERVAL} for CloudFront; a stand-in needs no 10 s).
     */
    public static CloudFrontInvalidator connect(String distributionId, URI endpoint, Duration pollInterval) {
        return new CloudFrontInvalidator(client(endpoint), distributionId, pollInterval, Duration.ofMinutes(15));
    }

    /** The client {@link #connect} uses, with its timeouts, for other CloudFront calls (e.g. the cutover's). */
    public static CloudFrontClient client(URI endpoint) {
        var builder = CloudFrontClient.builder().region(Region.AWS_GLOBAL)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    CloudFrontClient client() {
        return client;
    }

    @Override
    public Optional<String> invalidate(List<String> paths, String callerReference, boolean waitForCompletion, Progress progress) {
        Invalidation invalidation;
        try {
            invalidation = client.createInvalidation(request -> request
                    .distributionId(distributionId)
                    .invalidationBatch(batch -> batch
                            .callerReference(callerReference)
                            .paths(p -> p.quantity(paths.size()).items(paths))))
                    .invalidation();
        } catch (SdkException e) {
            throw new RetriesExhaustedException("could not invalidate " + String.join(" ", paths) + " in CloudFront distribution "
                    + distributionId + ": " + e.getMessage() + ". The repository is updated; caches expire within 5 minutes,"
                    + " or re-run to retry the invalidation", e);
        }
        progress.line("CloudFront invalidation " + invalidation.id() + " for " + String.join(" ", paths) + ": " + invalidation.status());
        if (waitForCompletion) {
            waitFor(invalidation, progress);
        }
        return Optional.of(invalidation.id());
    }

    private void waitFor(Invalidation created, Progress progress) {
        Instant start = Instant.now();
        String status = created.status();
        while (!COMPLETED.equals(status)) {
            Duration waited = Duration.between(start, Instant.now());
            if (waited.compareTo(timeout) > 0) {
                throw new RetriesExhaustedException("CloudFront invalidation " + created.id() + " is still " + status + " after "
                        + waited.toSeconds() + " s; it continues in the background", null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriesExhaustedException("interrupted while waiting for CloudFront invalidation " + created.id(), e);
            }
            try {
                status = client.getInvalidation(request -> request.distributionId(distributionId).id(created.id()))
                        .invalidation().status();
            } catch (SdkException e) {
                throw new RetriesExhaustedException("could not read CloudFront invalidation " + created.id() + ": " + e.getMessage(), e);
            }
            progress.line("waiting for CloudFront invalidation " + created.id() + ": " + status + " ("
                    + Duration.between(start, Instant.now()).toSeconds() + " s)");
        }
    }
}
