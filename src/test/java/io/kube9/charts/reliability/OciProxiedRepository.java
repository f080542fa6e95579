package io.kube9.charts.reliability;

import io.kube9.charts.oci.OciMirror;
import io.kube9.charts.repository.ChartRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.oci.RegistryAccess;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.storage.S3ObjectStore;
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
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server and a real OCI registry, the registry behind a {@link FaultProxy}: the setting of
 * the OCI fault matrix and crash test and of the import's OCI step. Each case gets its own bucket and OCI repository holding one signed
 * chart (base 1.0.0) published to both channels without faults.
 */
final class OciProxiedRepository implements AutoCloseable {
    final S3MockServer s3;
    final S3Client direct;
    final OciRegistryServer registry;
    final FaultProxy proxy;
    private final List<String> chartNames;
    private final Path home;

    /** One case's bucket and OCI repository, and what both held before the case. */
    record Repository(String bucket, String ociPath, RepositoryState before, OciChannelState ociBefore) {}

    /** For cases that publish the chart app (beside base). */
    OciProxiedRepository(Duration slowResponseDelay) {
        this(slowResponseDelay, List.of("base", "app"));
    }

    /** @param chartNames the charts whose tags the channel's state holds */
    OciProxiedRepository(Duration slowResponseDelay, List<String> chartNames) {
        this.chartNames = chartNames;
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
        try (RegistryClient client = connect(ociRepository, callTimeout)) {
            return new Publisher(ChartRepository.open(new S3ObjectStore(direct, repository.bucket()), settings(ociRepository, retry), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT), new OciMirror(client, settings(ociRepository, retry).retry(), Progress.SILENT)).publish(charts, false);
        }
    }

    /** How a case's run writes: no landing page, the OCI channel at {@code ociRepository}. */
    static RepositorySettings settings(String ociRepository, RetryPolicy retry) {
        return RepositorySettings.defaults(PublisherHarness.REPOSITORY_URL).withRepositoryName("test").withLandingPage(false)
                .withRetry(retry).withOciRepository(ociRepository);
    }

    /** A client of the registry at {@code ociRepository} (through the proxy, or not), without Docker or Helm credentials. */
    RegistryClient connect(String ociRepository, Duration callTimeout) {
        return RegistryClient.connect(OciRepository.parse(ociRepository), RegistryAccess.defaults().withPlainHttp(true)
                .withCallTimeout(callTimeout).withEnvironment(Map.of("HOME", home.toString())), Progress.SILENT);
    }

    RepositoryState state(String bucket) {
        return RepositoryState.read(direct, bucket);
    }

    OciChannelState oci(Repository repository) {
        return OciChannelState.read(registry, repository.ociPath(), chartNames);
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
        assertEquals(Map.of("base 1.0.0", repository.before().entries().get(0).digest(), chart.name() + " " + chart.version(),
                chart.digest()), after.digests());
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
