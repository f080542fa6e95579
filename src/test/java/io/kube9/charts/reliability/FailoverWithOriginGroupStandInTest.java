package io.kube9.charts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.publishing.Publisher;
import io.kube9.charts.publishing.SigningKey;
import io.kube9.charts.publishing.TestCharts;
import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.storage.TestBuckets;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.testing.ChartArchiveBuilder;
import io.kube9.charts.testing.FaultProxy;
import io.kube9.charts.testing.FaultProxy.Fault;
import io.kube9.charts.testing.FaultProxy.Rule;
import io.kube9.charts.testing.OriginGroupStandIn;
import io.kube9.charts.testing.OriginGroupStandIn.Origin;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failover rehearsal with the real Helm 3 and 4, the CDN's origin group played by {@link OriginGroupStandIn}
 * (CloudFront cannot run here). The repository (two charts, one signed with a {@code .prov}) is published by the
 * real Publisher to an S3Mock bucket, the primary, and copied object by object to a second bucket, the replica (the
 * stand-in for S3 replication). Each origin is read anonymously and path-style through a {@link FaultProxy}, which
 * makes it fail on demand. Helm adds the repository, updates it and pulls every version (the signed one with
 * {@code --verify}) three times: with both origins healthy, with the primary answering 503 to everything, and with
 * the primary unreachable; every pull gives the published bytes, and during the outage the replica answered. A version
 * published to the primary just before the outage and not yet replicated is missing from the index Helm gets. With
 * the replica failing too, {@code helm repo update} fails (Helm 3 only reports it and exits 0, unless given
 * {@code --fail-on-repo-update-fail}; Helm 4 exits non-zero) and so does {@code helm pull} from the cached index.
 *
 * <p>What only AWS can confirm:
 * <ul>
 * <li>that CloudFront fails over as this stand-in does for the configured status codes (500, 502, 503, 504), for
 *     connection failures and for the origin's connection and response timeouts (CloudFront's own defaults:
 *     attempts and timeouts per origin, which make a hanging primary slower to fail over than a refusing one);</li>
 * <li>that failover applies to GET, HEAD (and OPTIONS) only, and every request tries the primary first;</li>
 * <li>replication lag: S3 replication is asynchronous, so a package or index published seconds before an outage may
 *     be missing from the replica, or the replica may serve the previous {@code index.yaml}; here a version is
 *     simply never copied, which shows the effect, not how long the lag lasts;</li>
 * <li>stale-if-error: edge caches serving an expired {@code index.yaml} when both origins fail; the stand-in caches
 *     nothing, so every request reaches an origin.</li>
 * </ul>
 */
class FailoverWithOriginGroupStandInTest {
    @TempDir
    static Path work;
    private static ChartArchive signed;
    private static Path publicKeyring;

    @BeforeAll
    static void packageASignedChart() throws IOException {
        Path chart = work.resolve("sources/addon");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), ChartArchiveBuilder.chartYaml("addon", "0.1.0"));
        Files.writeString(chart.resolve("templates/configmap.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
        Path keys = SigningKey.generate(work.resolve("gnupg"));
        publicKeyring = keys.resolve("pubring.gpg");
        Path packaged = Files.createDirectories(work.resolve("packaged"));
        new HelmCommand(TestTools.helm3(), work.resolve("package-home")).packageSigned(chart, keys, packaged);
        signed = new ChartArchiveReader().read(packaged.resolve("addon-0.1.0.tgz"));
    }

    @ParameterizedTest(name = "helm {0}")
    @ValueSource(ints = {3, 4})
    void helmReadsFromTheReplicaWhileThePrimaryFailsAndFailsWhenBothDo(int helmVersion) throws IOException {
        String primaryBucket = TestBuckets.create("failover-primary");
        String replicaBucket = TestBuckets.create("failover-replica");
        URI s3 = TestBuckets.server().endpoint();
        try (FaultProxy primary = FaultProxy.start(s3);
                FaultProxy replica = FaultProxy.start(s3);
                OriginGroupStandIn cdn = OriginGroupStandIn.start(URI.create(primary.endpoint() + "/" + primaryBucket),
                        URI.create(replica.endpoint() + "/" + replicaBucket))) {
            List<ChartArchive> charts = List.of(TestCharts.archive("demo", "1.0.0"), TestCharts.archive("demo", "1.1.0"),
                    TestCharts.archive("demo", "1.2.0"), signed);
            Publisher publisher = new Publisher(ChartRepository.open(TestBuckets.store(primaryBucket),
                    RepositorySettings.defaults(cdn.url().toString()), Invalidator.NONE, Clock.systemUTC(), Progress.SILENT));
            publisher.publish(charts, false);
            TestBuckets.copyAll(primaryBucket, replicaBucket);
            String label = "helm " + helmVersion;
            HelmCommand helm = new HelmCommand(helmVersion == 3 ? TestTools.helm3() : TestTools.helm4(),
                    Files.createDirectories(work.resolve("helm" + helmVersion + "/home")));

            helm.run("repo", "add", "kube9", cdn.url().toString()).assertOk(label + " helm repo add");
            pullEveryVersion(helm, label + " healthy", charts);
            assertEquals(0, cdn.answeredBy(Origin.REPLICA), label + ": with a healthy primary the replica answers nothing");

            publisher.publish(List.of(TestCharts.archive("demo", "1.3.0")), false);

            primary.inject(Rule.always("GET", "", Fault.SLOW_DOWN_503)).inject(Rule.always("HEAD", "", Fault.SLOW_DOWN_503));
            pullEveryVersion(helm, label + " primary answering 503", charts);
            HelmCommand.Result notReplicated = helm.run("pull", "kube9/demo", "--version", "1.3.0", "-d", work.resolve("none").toString());
            assertNotEquals(0, notReplicated.exitCode(), label + " pulled a version the replica has not received: " + notReplicated.out());
            assertTrue(notReplicated.err().contains("chart \"demo\" matching 1.3.0 not found in kube9 index"), label + ": "
                    + notReplicated.err());
            int fromReplica = cdn.answeredBy(Origin.REPLICA);
            long indexPackagesAndProvenance = 1 + charts.size() + charts.stream().filter(chart -> chart.provenance().isPresent()).count();
            assertTrue(fromReplica >= indexPackagesAndProvenance, label + ": the index, every package and the .prov came from the"
                    + " replica; it answered " + fromReplica);
            assertEquals(fromReplica, primary.faultsInjected(), label + ": every request tried the primary first");

            primary.close();
            pullEveryVersion(helm, label + " primary unreachable", charts);
            assertTrue(cdn.answeredBy(Origin.REPLICA) >= fromReplica * 2, label + ": the replica answered again, "
                    + cdn.answeredBy(Origin.REPLICA));

            replica.inject(Rule.always("GET", "", Fault.INTERNAL_ERROR_500)).inject(Rule.always("HEAD", "", Fault.INTERNAL_ERROR_500));
            HelmCommand.Result update = helm.run("repo", "update");
            if (helmVersion == 3) {
                assertEquals(0, update.exitCode(), "helm 3 reports the failed repository but exits 0: " + update.err());
                assertTrue(update.out().contains("Unable to get an update from the \"kube9\" chart repository"), update.out());
                update = helm.run("repo", "update", "--fail-on-repo-update-fail");
            }
            assertNotEquals(0, update.exitCode(), label + " helm repo update succeeded with both origins failing: " + update.out());
            assertTrue((update.out() + update.err()).contains(cdn.url() + "/index.yaml : 500 Internal Server Error"),
                    label + ": " + update.out() + update.err());
            HelmCommand.Result pull = helm.run("pull", "kube9/demo", "--version", "1.0.0", "-d", work.resolve("none").toString());
            assertNotEquals(0, pull.exitCode(), label + " pulled from the cached index with both origins failing: " + pull.out());
        }
    }

    /** {@code helm repo update}, then {@code helm pull} of every chart version (verified when signed), compared with the published bytes. */
    private static void pullEveryVersion(HelmCommand helm, String label, List<ChartArchive> charts) throws IOException {
        helm.run("repo", "update").assertOk(label + ": helm repo update");
        Path into = Files.createTempDirectory(work, "pulled-");
        for (ChartArchive chart : charts) {
            List<String> args = new ArrayList<>(List.of("pull", "kube9/" + chart.name(), "--version", chart.version(),
                    "-d", into.toString()));
            if (chart.provenance().isPresent()) {
                args.addAll(List.of("--verify", "--keyring", publicKeyring.toString()));
            }
            helm.run(args.toArray(String[]::new)).assertOk(label + ": helm pull " + chart.packageKey());
            assertEquals(chart.digest(), Sha256.hex(Files.readAllBytes(into.resolve(chart.packageKey()))),
                    label + ": the pulled " + chart.packageKey() + " is the published package");
        }
    }
}
