package io.kube9.charts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.S3ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.testing.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code verify --replica} against two S3Mock buckets: a replica made with CopyObject, then made to differ. */
class VerifyReplicaCommandTest {
    private String primary;
    private String replica;

    @BeforeAll
    static void credentials() {
        S3MockServer.useCredentialsInThisJvm();
    }

    @BeforeEach
    void replicatedRepository() {
        primary = TestBuckets.create("primary");
        replica = TestBuckets.create("replica");
        new Publisher(ChartRepository.open(TestBuckets.store(primary), RepositorySettings.defaults("https://charts.kube9.io"),
                Invalidator.NONE, Clock.systemUTC(), Progress.SILENT))
                .publish(List.of(TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0")), false);
        TestBuckets.copyAll(primary, replica);
    }

    private CliRun verify(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--bucket", primary, "--endpoint",
                TestBuckets.server().endpoint().toString(), "--path-style", "--region", S3MockServer.REGION.id(),
                "--replica", replica, "--replica-endpoint", TestBuckets.server().endpoint().toString(),
                "--replica-region", S3MockServer.REGION.id()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    /** Two packages, index.yaml, index.html and the chart page charts/demo/index.html. */
    @Test
    void aFaithfulReplicaIsOk() {
        CliRun run = verify();

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("replica s3://" + replica + ": 5 objects of s3://" + primary + " compared"), run.out());
        assertTrue(run.out().contains("replica ok"), run.out());
    }

    @Test
    void aMissingObjectAndADifferentOneAreProblemsAndAnExtraOneIsANote() throws Exception {
        S3ObjectStore copy = TestBuckets.store(replica);
        TestBuckets.server().client().deleteObject(b -> b.bucket(replica).key("demo-1.1.0.tgz"));
        StoredObject page = copy.get("index.html").orElseThrow();
        byte[] changed = page.content().clone();
        changed[changed.length - 2] = (byte) (changed[changed.length - 2] == 'x' ? 'y' : 'x'); // same size, other bytes
        copy.putIfMatch("index.html", changed, page.info().headers(), page.etag());
        copy.putIfAbsent("stray.txt", "left over".getBytes(StandardCharsets.UTF_8), new ObjectHeaders("text/plain", "no-cache"));

        CliRun text = verify();
        assertEquals(4, text.exitCode(), text.out());
        assertTrue(text.out().contains("problem: demo-1.1.0.tgz is missing from the replica s3://" + replica), text.out());
        assertTrue(text.out().contains("problem: index.html: sha256 "), text.out());
        assertTrue(text.out().contains("note: stray.txt is only in the replica"), text.out());
        assertTrue(text.out().contains("replica: 2 problem(s)"), text.out());

        CliRun json = verify("--output", "json");
        assertEquals(4, json.exitCode(), json.out());
        JsonNode report = new ObjectMapper().readTree(json.out()).path("replica");
        assertEquals("[\"demo-1.1.0.tgz\"]", report.path("missing").toString());
        assertEquals(1, report.path("different").size());
        assertTrue(report.path("different").get(0).asText().startsWith("index.html: sha256 "), report.toString());
        assertEquals("[\"stray.txt\"]", report.path("onlyInReplica").toString());
        assertEquals(0, new ObjectMapper().readTree(json.out()).path("repository").path("problems").size(), "the primary itself is sound");
    }
}
