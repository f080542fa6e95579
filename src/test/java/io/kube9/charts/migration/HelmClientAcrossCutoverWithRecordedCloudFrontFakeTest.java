package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.cli.CliRun;
import io.kube9.charts.migration.RepositoryFront.Origin;
import io.kube9.charts.publishing.HelmCommand;
import io.kube9.charts.testing.RecordedCloudFrontFake;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook (docs/cutover.md) end to end, as Helm users live through it: real Helm 3.17 and 4.1 run
 * {@code helm repo add} against the legacy repository (built with the real Helm as the live one was),
 * then the repository is imported, compared with {@code verify --against} and cut over with
 * {@code cutover} (against {@link RecordedCloudFrontFake}: the alias move switches the origin behind the
 * same loopback URL). Afterwards both clients pull every version from the index they cached before the
 * switch, then {@code helm repo update} and {@code helm search repo --versions --devel} list every version, and
 * the index Helm cached keeps every version's {@code created} of the legacy repository.
 */
class HelmClientAcrossCutoverWithRecordedCloudFrontFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OURS = CutoverCommandWithRecordedCloudFrontFakeTest.OURS;
    private static final String LEGACY = CutoverCommandWithRecordedCloudFrontFakeTest.LEGACY;

    @TempDir
    static Path work;
    private static RepositoryFront front;
    private static LegacyRepository legacy;
    private static RecordedCloudFrontFake cloudFront;

    @BeforeAll
    static void start() {
        S3MockServer.useCredentialsInThisJvm();
        front = RepositoryFront.start();
        legacy = LegacyRepository.build(work, front.url());
        front.serve(Origin.legacy(legacy.root()));
        cloudFront = RecordedCloudFrontFake.start()
                .distribution(OURS, CutoverCommandWithRecordedCloudFrontFakeTest.OUR_DOMAIN, CutoverCommandWithRecordedCloudFrontFakeTest.CERTIFICATE)
                .distribution(LEGACY, CutoverCommandWithRecordedCloudFrontFakeTest.LEGACY_DOMAIN,
                        CutoverCommandWithRecordedCloudFrontFakeTest.CERTIFICATE, CutoverCommandWithRecordedCloudFrontFakeTest.ALIAS)
                .txtRecord("_" + CutoverCommandWithRecordedCloudFrontFakeTest.ALIAS, CutoverCommandWithRecordedCloudFrontFakeTest.OUR_DOMAIN);
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.close();
        }
        if (cloudFront != null) {
            cloudFront.close();
        }
    }

    @Test
    void aHelmClientThatAddedTheRepositoryBeforeTheCutoverKeepsWorkingAfterIt() throws Exception {
        Map<String, HelmCommand> clients = new LinkedHashMap<>();
        clients.put("helm 3.17", new HelmCommand(TestTools.helm3(), work.resolve("helm3-home")));
        clients.put("helm 4.1", new HelmCommand(TestTools.helm4(), work.resolve("helm4-home")));
        clients.forEach((label, helm) -> helm.run("repo", "add", "kube9", front.url()).assertOk(label + " repo add (before)"));

        Path ours = work.resolve("ours");
        CliRun imported = CliRun.of("import", "--from-url", front.url(), "--local-dir", ours.toString(), "--repo-url", legacy.url());
        assertEquals(0, imported.exitCode(), imported.err());
        CliRun compared = CliRun.of("verify", "--local-dir", ours.toString(), "--repo-url", legacy.url(), "--against", front.url());
        assertEquals(0, compared.exitCode(), compared.out());
        cloudFront.onAliasMoved(move -> front.serve(Origin.ours(ours)));
        CliRun cutover = CliRun.of("cutover", "--local-dir", ours.toString(), "--repo-url", legacy.url(), "--distribution-id", OURS,
                "--legacy-distribution-id", LEGACY, "--alias", CutoverCommandWithRecordedCloudFrontFakeTest.ALIAS,
                "--against", front.url(), "--public-url", front.url(), "--cloudfront-endpoint", cloudFront.endpoint().toString(),
                "--poll-interval", "0.05");
        assertEquals(0, cutover.exitCode(), cutover.out() + cutover.err());
        assertEquals("ours", front.origin().name(), "the public URL now serves the imported repository");

        for (Map.Entry<String, HelmCommand> client : clients.entrySet()) {
            String label = client.getKey();
            HelmCommand helm = client.getValue();
            pullEveryVersion(label + " from the index cached before the cutover", helm);

            helm.run("repo", "update", "kube9").assertOk(label + " repo update");
            JsonNode listed = JSON.readTree(helm.run("search", "repo", "kube9/" + LegacyRepository.CHART, "--versions", "--devel", "-o", "json")
                    .assertOk(label + " search repo --versions").out());
            List<String> versions = new ArrayList<>();
            listed.forEach(chart -> versions.add(chart.path("version").asText()));
            assertEquals(new TreeMap<>(legacy.entries()).keySet(), new java.util.TreeSet<>(versions), label + " lists every version");

            byte[] cached = Files.readAllBytes(helm.cacheHome().resolve("repository/kube9-index.yaml"));
            assertArrayEquals(Files.readAllBytes(ours.resolve("index.yaml")), cached, label + " cached the new index");
            assertEquals(created(legacy.entries()), created(LegacyRepository.entriesOf(cached)), label + " keeps every created date");
            pullEveryVersion(label + " from the new index", helm);
        }
    }

    /** helm pull of every legacy version; the package Helm saved has the legacy bytes. */
    private static void pullEveryVersion(String what, HelmCommand helm) throws Exception {
        for (String version : LegacyRepository.VERSIONS) {
            Path into = Files.createTempDirectory(work, "pull-");
            helm.run("pull", "kube9/" + LegacyRepository.CHART, "--version", version, "-d", into.toString())
                    .assertOk(what + ": helm pull " + version);
            String file = LegacyRepository.CHART + "-" + version + ".tgz";
            assertArrayEquals(legacy.file(file), Files.readAllBytes(into.resolve(file)), what + ": " + file);
        }
    }

    private static Map<String, String> created(Map<String, JsonNode> entries) {
        return entries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().path("created").asText(),
                (a, b) -> a, TreeMap::new));
    }
}
