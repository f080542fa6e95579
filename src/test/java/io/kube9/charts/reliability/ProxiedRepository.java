package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.RecordedCloudFrontFake;
import io.kube9.charts.testing.S3MockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server and the CloudFront fake, each behind a {@link FaultProxy}, holding one
 * repository per test case: the shared setting of the fault matrix and the crash test.
 */
final class ProxiedRepository implements AutoCloseable {
    final S3MockServer s3;
    final S3Client direct;
    final RecordedCloudFrontFake cloudFront;
    final FaultProxy s3Proxy;
    final FaultProxy cdnProxy;

    /** A repository of one case: its bucket, its distribution, and what it held before the case. */
    record Repository(String bucket, String distribution, RepositoryState before, int invalidationsBefore) {}

    ProxiedRepository(Duration slowResponseDelay) {
        s3 = S3MockServer.start();
        direct = s3.client();
        cloudFront = RecordedCloudFrontFake.start();
        s3Proxy = FaultProxy.start(s3.endpoint(), slowResponseDelay);
        cdnProxy = FaultProxy.start(cloudFront.endpoint(), slowResponseDelay);
    }

    FaultProxy proxyFor(PublishStep step) {
        return step == PublishStep.INVALIDATION ? cdnProxy : s3Proxy;
    }

    void resetFaults() {
        s3Proxy.reset();
        cdnProxy.reset();
    }

    /** A new bucket with one signed chart (base 1.0.0) published without faults. */
    Repository create(String name) {
        String bucket = name;
        String distribution = "E" + name.toUpperCase().replace("-", "");
        direct.createBucket(b -> b.bucket(bucket));
        try (PublisherHarness baseline = new PublisherHarness(s3.endpoint(), bucket, cloudFront.endpoint(), distribution,
                RetryPolicy.DEFAULT, Duration.ofSeconds(10))) {
            baseline.publish(List.of(PublisherHarness.chart("base", "1.0.0", true)));
        }
        return new Repository(bucket, distribution, state(bucket), cloudFront.invalidations(distribution).size());
    }

    /**
     * {@code command} (a subcommand and its arguments), then the CLI options that reach this case's bucket and
     * distribution through the proxies.
     */
    List<String> cliArguments(Repository repository, String... command) {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(List.of("--bucket", repository.bucket(), "--endpoint", s3Proxy.endpoint().toString(), "--path-style",
                "--region", S3MockServer.REGION.id(), "--repo-url", PublisherHarness.REPOSITORY_URL,
                "--distribution-id", repository.distribution(), "--cloudfront-endpoint", cdnProxy.endpoint().toString()));
        return arguments;
    }

    RepositoryState state(String bucket) {
        return RepositoryState.read(direct, bucket);
    }

    /** The publish of {@code chart} is complete: both versions indexed, provenance there, CDN told. */
    void assertCompleted(Repository repository, ChartArchive chart) {
        RepositoryState after = state(repository.bucket());
        assertEquals(Map.of("base 1.0.0", repository.before().entries().get(0).digest(),
                chart.name() + " " + chart.version(), chart.digest()), after.digests());
        assertTrue(after.objects().containsKey(chart.provenanceKey()), "provenance uploaded");
        assertTrue(invalidatedSince(repository.distribution(), repository.invalidationsBefore(), "/index.yaml"),
                "no CloudFront invalidation of /index.yaml since the index changed: "
                        + cloudFront.invalidations(repository.distribution()));
    }

    /** Whether an invalidation of {@code distribution} after its first {@code since} ones covers {@code path}. */
    boolean invalidatedSince(String distribution, int since, String path) {
        return cloudFront.invalidations(distribution).stream().skip(since)
                .anyMatch(invalidation -> invalidation.paths().contains(path));
    }

    @Override
    public void close() {
        s3Proxy.close();
        cdnProxy.close();
        cloudFront.close();
        direct.close();
        s3.close();
    }
}
