package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.lifecycle.ChartDeprecator;
import io.kube9.charts.lifecycle.VersionYanker;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.testing.LoopbackHttpServer;
import io.kube9.charts.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real Helm 3.17.3 and 4.1.4 make of yank, unyank and deprecate, over HTTP on loopback: a
 * yanked version cannot be pulled by its version, through a range or as the latest; unyanked, it is
 * pulled again with the same bytes; a deprecated chart is still listed and installable.
 */
class LifecycleInHelmTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void helm3() throws Exception {
        yankUnyankAndDeprecateAsHelmSeesIt(TestTools.helm3(), "helm3");
    }

    @Test
    void helm4() throws Exception {
        yankUnyankAndDeprecateAsHelmSeesIt(TestTools.helm4(), "helm4");
    }

    private void yankUnyankAndDeprecateAsHelmSeesIt(Path binary, String label) throws Exception {
        Path root = Files.createDirectories(work.resolve("repo")).toRealPath();
        try (LoopbackHttpServer server = StaticRepositoryServer.serve(root)) {
            String url = server.url().toString();
            LocalDirectoryStore store = new LocalDirectoryStore(root);
            RepositorySettings settings = RepositorySettings.defaults(url);
            new Publisher(ChartRepository.open(store, settings, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT)).publish(List.of(
                    TestCharts.archive("demo", "1.2.2"), TestCharts.archive("demo", "1.2.3")), false);
            ChartRepository lifecycle = ChartRepository.open(store, settings, Invalidator.NONE, Clock.systemUTC(), Progress.SILENT);
            VersionYanker yanker = new VersionYanker(lifecycle, Actor.NONE);
            HelmCommand helm = new HelmCommand(binary, Files.createDirectories(work.resolve("home")));
            helm.run("repo", "add", "kube9", url).assertOk(label + " helm repo add");
            assertEquals("1.2.3", pull(helm, label, "latest"), "before the yank, the latest is 1.2.3");

            yanker.yank("demo", "1.2.3", "broken", false);
            helm.run("repo", "update").assertOk(label + " helm repo update");

            HelmCommand.Result byVersion = helm.run("pull", "kube9/demo", "--version", "1.2.3", "-d", work.resolve("none").toString());
            assertNotEquals(0, byVersion.exitCode(), label + " pulled a yanked version: " + byVersion.out());
            assertTrue(byVersion.err().contains("chart \"demo\" matching 1.2.3 not found in kube9 index"), label + ": " + byVersion.err());
            assertEquals("1.2.2", pull(helm, label, "~1.2"), "a range skips the yanked version");
            assertEquals("1.2.2", pull(helm, label, "latest"), "the latest is the newest version not yanked");
            assertEquals(List.of("1.2.2"), searched(helm, label));

            yanker.unyank("demo", "1.2.3", false);
            helm.run("repo", "update").assertOk(label + " helm repo update");
            Path pulled = Files.createDirectories(work.resolve("unyanked"));
            helm.run("pull", "kube9/demo", "--version", "1.2.3", "-d", pulled.toString()).assertOk(label + " pull after unyank");
            assertEquals(Sha256.hex(TestCharts.packageOf("demo", "1.2.3")), Sha256.hex(Files.readAllBytes(pulled.resolve("demo-1.2.3.tgz"))),
                    label + ": unyank serves the same bytes");
            assertEquals("1.2.3", pull(helm, label, "latest"));

            new ChartDeprecator(lifecycle, Actor.NONE).deprecate("demo", "use something else", false);
            helm.run("repo", "update").assertOk(label + " helm repo update");
            assertEquals(List.of("1.2.3", "1.2.2"), searched(helm, label), "helm search repo still lists a deprecated chart");
            assertEquals("1.2.3", pull(helm, label, "latest"), "a deprecated chart still installs");
        }
    }

    /** The version Helm downloads for {@code helm pull kube9/demo [--version constraint]}. */
    private String pull(HelmCommand helm, String label, String constraint) throws Exception {
        Path into = Files.createTempDirectory(work, "pull-");
        List<String> args = new ArrayList<>(List.of("pull", "kube9/demo", "-d", into.toString()));
        if (!constraint.equals("latest")) {
            args.addAll(List.of("--version", constraint));
        }
        helm.run(args.toArray(String[]::new)).assertOk(label + " helm pull " + constraint);
        try (var files = Files.list(into)) {
            String name = files.map(file -> file.getFileName().toString()).findFirst().orElseThrow();
            return name.substring("demo-".length(), name.length() - ".tgz".length());
        }
    }

    private static List<String> searched(HelmCommand helm, String label) throws Exception {
        JsonNode found = JSON.readTree(helm.run("search", "repo", "kube9/demo", "--versions", "-o", "json")
                .assertOk(label + " helm search repo").out());
        List<String> versions = new ArrayList<>();
        found.forEach(chart -> versions.add(chart.path("version").asText()));
        return versions;
    }
}
