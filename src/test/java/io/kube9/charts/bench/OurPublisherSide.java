package io.kube9.charts.bench;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.cli.Kube9ChartsCli;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.publishing.PublishReport;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.index.IndexFormatException;
import io.kube9.charts.repository.storage.S3ObjectStore;
import io.kube9.charts.testing.S3MockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * "Our" side of every comparison: the project's real publisher code (codec, {@link Publisher}, CLI),
 * never a re-implementation. Settings are the CLI's defaults: JSON index, landing page on; there is no
 * CDN to invalidate here.
 */
public final class OurPublisherSide {
    private static final IndexCodec CODEC = new IndexCodec();
    /** Class path entries the shaded CLI jar leaves out (CDKTF bindings) or that only tests use. */
    private static final List<String> NOT_IN_CLI_JAR = List.of("test-classes", "/com/hashicorp/", "/software/amazon/jsii/",
            "/software/constructs/", "/com/adobe/testing/", "/org/springframework/", "/org/apache/tomcat/",
            "/ch/qos/logback/", "/org/jetbrains/kotlin/", "/org/junit/", "/com/code-intelligence/", "/tools/jackson/");

    private OurPublisherSide() {}

    /** The index bytes our publisher's codec writes (its default format, JSON) for the entries of a Helm index. */
    public static byte[] indexAsPublished(byte[] helmIndexJson) {
        try {
            return CODEC.write(CODEC.read(helmIndexJson), IndexFormat.JSON);
        } catch (IndexFormatException e) {
            throw new IllegalStateException("the publisher's codec cannot read the synthetic index: " + e.getMessage(), e);
        }
    }

    /** Publishes one packaged chart into the bucket with the publisher, in this JVM. */
    public static PublishReport publish(S3Client s3, String bucket, Path tgz) {
        return new Publisher(ChartRepository.open(new S3ObjectStore(s3, bucket), RepositorySettings.defaults(SyntheticRepository.REPOSITORY_URL), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(List.of(new ChartArchiveReader().read(tgz)), false);
    }

    /**
     * How a fresh JVM starts the CLI: the release job's command ({@code scripts/kube9-charts}: the packaged jar and its
     * class-data archive, which {@code mvn package} builds) or, before packaging, the classes on this JVM's class path
     * with the launcher's JVM options.
     */
    public static List<String> cliCommand(boolean releaseCli, Path projectRoot) {
        if (releaseCli) {
            Path jar = projectRoot.resolve("target/kube9-charts-cli.jar");
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist; build it with: mvn -B -q package -DskipTests");
            }
            return List.of(projectRoot.resolve("scripts/kube9-charts").toString());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cliClassPath(),
                Kube9ChartsCli.class.getName());
    }

    /**
     * Publishes with {@code kube9-charts publish} in a fresh JVM ({@link #cliCommand}), as a release job runs it: JVM
     * start-up and class loading included.
     */
    public static MeasuredProcess.Run publishWithCli(List<String> cli, URI endpoint, String bucket, Path tgz) {
        return MeasuredProcess.run(concat(cli, "publish", "--bucket", bucket, "--endpoint", endpoint.toString(),
                        "--path-style", "--region", S3MockServer.REGION.id(), "--repo-url", SyntheticRepository.REPOSITORY_URL,
                        tgz.toString()),
                Map.of("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY),
                tgz.getParent());
    }

    /** The same into a local directory ({@code --local-dir}). */
    public static MeasuredProcess.Run publishWithCli(List<String> cli, Path repository, Path tgz) {
        return MeasuredProcess.run(concat(cli, "publish", "--local-dir", repository.toString(), "--repo-url",
                SyntheticRepository.REPOSITORY_URL, tgz.toString()), Map.of(), tgz.getParent());
    }

    private static List<String> concat(List<String> command, String... arguments) {
        List<String> all = new java.util.ArrayList<>(command);
        all.addAll(List.of(arguments));
        return all;
    }

    /**
     * What the shaded CLI jar holds: main classes and runtime libraries without the CDKTF bindings,
     * taken from this JVM's class path (surefire's full test class path when run as a test), absolute.
     */
    private static String cliClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .filter(entry -> NOT_IN_CLI_JAR.stream().noneMatch(entry::contains))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }
}
