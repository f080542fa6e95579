package io.kube9.charts.reliability;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.lifecycle.ChartDeprecator;
import io.kube9.charts.lifecycle.VersionYanker;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.cdn.CloudFrontInvalidator;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.storage.S3ObjectStore;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.S3MockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The real publisher wired to an S3 endpoint and a CloudFront endpoint (usually a {@code FaultProxy}
 * in front of S3Mock and of the CloudFront fake), with short client timeouts so a hang costs a second.
 */
final class PublisherHarness implements AutoCloseable {
    static final String REPOSITORY_URL = "https://charts.example.test";
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY));

    private final S3Client s3;
    private final CloudFrontClient cloudFront;
    private final S3ObjectStore store;
    private final Invalidator invalidator;
    private final Publisher publisher;
    private final RepositorySettings settings;

    /**
     * @param cdnEndpoint null for no CDN
     * @param retry       the publisher's own index-update retries
     */
    PublisherHarness(URI s3Endpoint, String bucket, URI cdnEndpoint, String distributionId, RetryPolicy retry,
            Duration attemptTimeout) {
        this.s3 = S3Client.builder()
                .endpointOverride(s3Endpoint)
                .region(S3MockServer.REGION)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(attemptTimeout).retryStrategy(b -> b.maxAttempts(2)))
                .build();
        this.cloudFront = cdnEndpoint == null ? null : CloudFrontClient.builder()
                .endpointOverride(cdnEndpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(attemptTimeout).retryStrategy(b -> b.maxAttempts(2)))
                .build();
        this.invalidator = cloudFront == null ? Invalidator.NONE
                : new CloudFrontInvalidator(cloudFront, distributionId, Duration.ofMillis(10), Duration.ofSeconds(5));
        this.settings = RepositorySettings.defaults(REPOSITORY_URL).withRepositoryName("test")
                .withLandingPage(cloudFront != null).withRetry(retry);
        this.store = new S3ObjectStore(s3, bucket);
        this.publisher = new Publisher(ChartRepository.open(store, settings, invalidator, Clock.systemUTC(), Progress.SILENT));
    }

    /** The bucket through the given endpoint, for other writers than the publisher (e.g. the importer). */
    S3ObjectStore store() {
        return store;
    }

    Invalidator invalidator() {
        return invalidator;
    }

    PublishReport publish(List<ChartArchive> charts) {
        return publisher.publish(charts, false);
    }

    /** yank and unyank with the same clients and settings. */
    VersionYanker yanker() {
        return new VersionYanker(lifecycle(), Actor.NONE);
    }

    ChartDeprecator deprecator() {
        return new ChartDeprecator(lifecycle(), Actor.NONE);
    }

    private ChartRepository lifecycle() {
        return ChartRepository.open(store, settings, invalidator, Clock.systemUTC(), Progress.SILENT);
    }

    /** A valid chart package, and with {@code signed} a provenance file that lists it. */
    static ChartArchive chart(String name, String version, boolean signed) {
        byte[] tgz = ChartArchiveBuilder.chart(name, version).tgz();
        String key = name + "-" + version + ".tgz";
        Optional<byte[]> provenance = signed ? Optional.of(ChartArchiveBuilder.provenance(name, version, RepositoryState.sha256(tgz))) : Optional.empty();
        return new ChartArchiveReader().read(key, tgz, provenance);
    }

    @Override
    public void close() {
        s3.close();
        if (cloudFront != null) {
            cloudFront.close();
        }
    }
}
