package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.publishing.StaticRepositoryServer;
import io.kube9.charts.testing.LoopbackHttpServer;
import io.kube9.charts.testing.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci/smoke-test.sh, run by publish-charts.sh after each release, with the real Helm 3 against a chart
 * repository served over HTTP on loopback (standing in for https://charts.kube9.io).
 */
class SmokeTestScriptTest {
    @TempDir
    static Path dir;
    private static LoopbackHttpServer server;
    private static String url;

    private record Run(int exitCode, String output) {}

    private static Run run(List<String> command, Path workingDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("HELM_CACHE_HOME", dir.resolve("helm-cache").toString());
        builder.environment().put("HELM_CONFIG_HOME", dir.resolve("helm-config").toString());
        builder.environment().put("SMOKE_TEST_ATTEMPTS", "2");
        builder.environment().put("SMOKE_TEST_DELAY_SECONDS", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        return new Run(process.exitValue(), output);
    }

    @BeforeAll
    static void publishAChartOverHttp() throws Exception {
        String helm = TestTools.helm3().toString();
        Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(dir.resolve("bin/helm"), TestTools.helm3());
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assertEquals(0, run(List.of(helm, "create", "demo"), dir).exitCode());
        Path chartYaml = dir.resolve("demo/Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^version: .*$", "version: 1.2.3"));
        assertEquals(0, run(List.of(helm, "package", "demo", "--destination", repo.toString()), dir).exitCode());
        server = StaticRepositoryServer.serve(repo);
        url = server.url().toString();
        assertEquals(0, run(List.of(helm, "repo", "index", repo.toString(), "--url", url), dir).exitCode());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Run smokeTest(String version) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("scripts/ci/smoke-test.sh").toAbsolutePath().toString(),
                url, version, "demo"));
        return run(command, Path.of("").toAbsolutePath());
    }

    @Test
    void passesWhenHelmCanAddTheRepositoryAndPullTheNewVersion() throws Exception {
        Run run = smokeTest("1.2.3");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("smoke test passed: demo 1.2.3 is served by " + url), run.output());
    }

    @Test
    void failsNamingTheChartVersionAndUrlWhenTheVersionIsNotServed() throws Exception {
        Run run = smokeTest("9.9.9");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("attempt 1/2: demo 9.9.9 not served yet by " + url), run.output());
        assertTrue(run.output().contains("::error::smoke test failed: helm could not pull demo 9.9.9 from " + url),
                run.output());
    }
}
