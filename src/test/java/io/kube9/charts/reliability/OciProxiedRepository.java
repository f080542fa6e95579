package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.oci.OciRepository;
import io.kube9.charts.oci.RegistryAccess;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.publishing.ChartArchive;
import io.kube9.charts.publishing.Progress;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.RepositorySettings;
import io.kube9.charts.publishing.RetryPolicy;
import io.kube9.charts.publishing.cdn.Invalidator;
import io.kube9.charts.publishing.storage.S3ObjectStore;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.OciRegistryServer;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server and a real OCI registry, the registry behind a {@link FaultProxy}: the setting of
 * the OCI fault matrix and crash test. Each case gets its own bucket and OCI repository holding one signed
 * chart (base 1.0.0) published to both channels without faults.
 */
final class OciProxiedRepository implements AutoCloseable {
    static final List<String> CHARTS = List.of("base", "app");
    final S3MockServer s3;
    final S3Client direct;
    final OciRegistryServer registry;
    final FaultProxy proxy;
    private final Path home;

    /** One case's bucket and OCI repository, and what both held before the case. */
    record Repository(String bucket, String ociPath, RepositoryState before, OciChannelState ociBefore) {}

    OciProxiedRepository(Duration slowResponseDelay) {
        s3 = S3MockServer.start();
        direct = s3.client();
        registry = OciRegistryServer.start();
        proxy = FaultProxy.start(registry.endpoint(), slowResponseDelay);
        try {
            home = Files.createTempDirectory("oci-home-");  // no Docker or Helm credentials
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's OCI address through the proxy. */
    String ociRepository(Repository repository) {
        return "oci://" + proxy.endpoint().getAuthority() + "/" + repository.ociPath();
    }

    Repository create(String name) {
        direct.createBucket(b -> b.bucket(name));
        String ociPath = name;
        Repository empty = new Repository(name, ociPath, null, null);
        publish(empty, "oci://" + registry.host() + "/" + ociPath, List.of(PublisherHarness.chart("base", "1.0.0", true)),
                RetryPolicy.DEFAULT, Duration.ofSeconds(30));
        return new Repository(name, ociPath, state(name), oci(empty));
    }

    /** The real publisher: S3 straight, the registry at {@code ociRepository} (through the proxy, or not). */
    PublishReport publish(Repository repository, String ociRepository, List<ChartArchive> charts, RetryPolicy retry, Duration callTimeout) {
        RepositorySettings settings = RepositorySettings.defaults(PublisherHarness.REPOSITORY_URL).withRepositoryName("test")
                .withLandingPage(false).withRetry(retry).withOciRepository(ociRepository);
        try (RegistryClient client = RegistryClient.connect(OciRepository.parse(ociRepository), RegistryAccess.defaults()
                .withPlainHttp(true).withCallTimeout(callTimeout).withEnvironment(Map.of("HOME", home.toString())), Progress.SILENT)) {
            return new Publisher(new S3ObjectStore(direct, repository.bucket()), Invalidator.NONE, settings, Clock.systemUTC(),
                    Progress.SILENT, client).publish(charts, false);
        }
    }

    RepositoryState state(String bucket) {
        return RepositoryState.read(direct, bucket);
    }

    OciChannelState oci(Repository repository) {
        return OciChannelState.read(registry, repository.ociPath(), CHARTS);
    }

    /** Both channels hold their state's invariants against what they held before. */
    void assertInvariants(Repository repository) {
        RepositoryState bucket = state(repository.bucket());
        bucket.assertInvariants(repository.before());
        oci(repository).assertInvariants(bucket, repository.ociBefore());
    }

    /** The publish of {@code chart} is complete: both versions indexed, provenance there, both tags with their layers. */
    void assertCompleted(Repository repository, ChartArchive chart) {
        RepositoryState after = state(repository.bucket());
        Map<String, String> indexed = after.entries().stream()
                .collect(Collectors.toMap(e -> e.name() + " " + e.version(), RepositoryState.IndexEntry::digest));
        assertEquals(Map.of("base 1.0.0", repository.before().entries().get(0).digest(), chart.name() + " " + chart.version(),
                chart.digest()), indexed);
        assertEquals(2, oci(repository).tags().size(), "both tags: " + oci(repository).tags().keySet());
        oci(repository).assertHoldsEveryIndexedVersion(after);
    }

    @Override
    public void close() {
        proxy.close();
        registry.close();
        direct.close();
        s3.close();
    }
}
