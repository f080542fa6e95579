package io.kube9.charts.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API server (Adobe S3Mock) in the test JVM, on random loopback ports, with its own
 * temporary store. Several may run at once, so parallel builds on one machine do not collide.
 */
public final class S3MockServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final Region REGION = Region.US_EAST_1;

    private final S3MockApplication app;
    private final Path root;

    private S3MockServer(S3MockApplication app, Path root) {
        this.app = app;
        this.root = root;
    }

    public static S3MockServer start(String... initialBuckets) {
        try {
            Path root = Files.createTempDirectory("s3mock-");
            S3MockApplication app = S3MockApplication.start(new java.util.HashMap<>(Map.of(
                    S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                    "com.adobe.testing.s3mock.store.root", root.toString(),
                    "com.adobe.testing.s3mock.store.retainFilesOnExit", false,
                    "com.adobe.testing.s3mock.store.initialBuckets", String.join(",", initialBuckets),
                    "spring.main.banner-mode", "off",
                    "logging.level.root", "WARN",
                    S3MockApplication.PROP_SILENT, true)));
            return new S3MockServer(app, root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The AWS SDK's default credentials in this JVM (for the CLI run in-process) become S3Mock's keys. */
    public static void useCredentialsInThisJvm() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    /** Plain-HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + app.getHttpPort());
    }

    public int httpPort() {
        return app.getHttpPort();
    }

    /** A client for setting up and inspecting state directly, outside the code under test. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public Path storeRoot() {
        return root;
    }

    @Override
    public void close() {
        app.stop();
    }
}
