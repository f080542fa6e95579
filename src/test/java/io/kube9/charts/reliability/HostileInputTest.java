package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.CliRun;
import io.kube9.charts.reliability.HostileInputs.Case;
import io.kube9.charts.testing.CliProcess;
import io.kube9.charts.testing.S3MockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every hostile or broken input of {@link HostileInputs}, published through the real command line
 * into a real S3 API server: the run fails with the documented exit code and a message naming the
 * file and the problem, and the bucket is exactly as it was. Bombs run in a separate JVM with a
 * 64 MiB heap, so unbounded memory use fails the test.
 */
class HostileInputTest {
    static final String SMALL_HEAP = "-Xmx64m";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3MockServer s3;
    private static S3Client client;

    @BeforeAll
    static void start() {
        s3 = S3MockServer.start();
        client = s3.client();
        S3MockServer.useCredentialsInThisJvm();
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
    }

    static Stream<Case> cases() {
        return HostileInputs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsMessageAndWritesNothing(Case hostile) throws IOException {
        String bucket = "hostile-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket));
        Path directory = Files.createTempDirectory("hostile-");
        List<String> inputs = hostile.setup().prepare(new Workspace(directory, client, bucket));
        RepositoryState before = RepositoryState.read(client, bucket);

        List<String> arguments = new ArrayList<>(List.of("publish"));
        if (!hostile.replacesStoreOptions()) {
            arguments.addAll(List.of("--bucket", bucket, "--endpoint", s3.endpoint().toString(), "--path-style",
                    "--region", S3MockServer.REGION.id(), "--repo-url", "https://charts.example.test"));
        }
        arguments.addAll(inputs);
        CliProcess.Result result = hostile.bomb()
                ? CliProcess.run(List.of(SMALL_HEAP), arguments)
                : inProcess(arguments);

        assertEquals(hostile.exitCode(), result.exitCode(), () -> "exit code; stderr:\n" + result.stderr());
        String expected = hostile.exitCode() == HostileInputs.USAGE ? hostile.expected() : "error: " + hostile.expected();
        assertTrue(pattern(expected, bucket).matcher(result.stderr()).find(),
                () -> "expected message\n  " + expected + "\nbut stderr was\n  " + result.stderr());
        assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
        assertUnchanged(before, RepositoryState.read(client, bucket));
    }

    private static CliProcess.Result inProcess(List<String> arguments) {
        CliRun run = CliRun.of(arguments);
        return new CliProcess.Result(run.exitCode(), run.out(), run.err());
    }

    /** The expected text, literally, except {@code <digest>} (any SHA-256) and {@code <bucket>}. */
    private static Pattern pattern(String expected, String bucket) {
        String literal = Arrays.stream(expected.replace("<bucket>", bucket).split("<digest>", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining("[0-9a-f]{64}"));
        return Pattern.compile(literal);
    }

    private static void assertUnchanged(RepositoryState before, RepositoryState after) {
        assertEquals(before.objects().keySet(), after.objects().keySet(), "objects in the bucket");
        before.objects().forEach((key, bytes) ->
                assertTrue(Arrays.equals(bytes, after.objects().get(key)), key + " changed"));
    }

    private record Workspace(Path directory, S3Client s3, String bucket) implements HostileInputs.Workspace {}
}
