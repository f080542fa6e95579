package io.kube9.charts.repository.cdn;

import io.kube9.charts.repository.ChartRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.RecordedCloudFrontFake;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The CloudFront invalidator through the real AWS SDK against {@link RecordedCloudFrontFake} (real CloudFront is not reachable here). */
class CloudFrontInvalidatorWithRecordedCloudFrontFakeTest {
    private RecordedCloudFrontFake fake;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = RecordedCloudFrontFake.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CloudFrontInvalidator invalidator() {
        CloudFrontClient client = CloudFrontClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(fake.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        return new CloudFrontInvalidator(client, "E2EXAMPLE", Duration.ofMillis(10), Duration.ofSeconds(30));
    }

    @Test
    void publishInvalidatesTheChangedMutablePathsOnceAndWaitsWithAProgressLine(@TempDir Path repo) {
        RepositorySettings settings = RepositorySettings.defaults("https://charts.kube9.io").withWaitForInvalidation(true);

        var report = new Publisher(ChartRepository.open(new LocalDirectoryStore(repo), settings, invalidator(), Clock.systemUTC(), progress::add))
                .publish(List.of(TestCharts.archive("demo", "1.0.0")), false);

        assertEquals(1, fake.invalidations().size());
        RecordedCloudFrontFake.Invalidation invalidation = fake.invalidations().get(0);
        assertEquals("E2EXAMPLE", invalidation.distributionId());
        assertEquals(List.of("/index.yaml", "/", "/index.html", "/charts/*"), invalidation.paths());
        assertTrue(invalidation.callerReference().matches("kube9-charts-[0-9a-f]{32}"), invalidation.callerReference());
        assertEquals(invalidation.id(), report.invalidationId());
        assertEquals(List.of("POST /2020-05-31/distribution/E2EXAMPLE/invalidation",
                "GET /2020-05-31/distribution/E2EXAMPLE/invalidation/I1FAKE",
                "GET /2020-05-31/distribution/E2EXAMPLE/invalidation/I1FAKE"), fake.requests());
        assertTrue(progress.contains("CloudFront invalidation I1FAKE for /index.yaml / /index.html /charts/*: InProgress"), progress.toString());
        assertTrue(progress.stream().anyMatch(line -> line.startsWith("waiting for CloudFront invalidation I1FAKE: Completed (")),
                progress.toString());
    }

    @Test
    void aRetriedRequestForTheSameChangeReusesTheInvalidation() {
        Optional<String> first = invalidator().invalidate(List.of("/index.yaml"), "kube9-charts-same", false, Progress.SILENT);
        Optional<String> second = invalidator().invalidate(List.of("/index.yaml"), "kube9-charts-same", false, Progress.SILENT);

        assertEquals(first, second);
        assertEquals(1, fake.invalidations().size());
    }

    @Test
    void aRefusedInvalidationIsATransientFailureThatSaysTheRepositoryIsUpdated() {
        invalidator().invalidate(List.of("/index.yaml"), "kube9-charts-reused", false, Progress.SILENT);

        RetriesExhaustedException failure = assertThrows(RetriesExhaustedException.class, () -> invalidator()
                .invalidate(List.of("/index.html"), "kube9-charts-reused", false, Progress.SILENT));

        assertTrue(failure.getMessage().startsWith("could not invalidate /index.html in CloudFront distribution E2EXAMPLE: "
                + "The caller reference is already in use."), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("The repository is updated; caches expire within 5 minutes, or re-run to retry"
                + " the invalidation"), failure.getMessage());
    }

    @Test
    void theCliClientBoundsEachAttemptAndEachCall() {
        ClientOverrideConfiguration config = CloudFrontInvalidator.connect("E2EXAMPLE", fake.endpoint(), CloudFrontInvalidator.POLL_INTERVAL)
                .client().serviceClientConfiguration().overrideConfiguration();

        assertEquals(Optional.of(Duration.ofSeconds(30)), config.apiCallAttemptTimeout());
        assertEquals(Optional.of(Duration.ofMinutes(2)), config.apiCallTimeout());
    }
}
