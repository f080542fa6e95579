package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.testing.CliLauncherJar;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of scripts/ci as a GitHub Actions step would, in an environment built from nothing (so the
 * variables of a CI run around the test, GITHUB_* and AWS_* included, never leak in): the given helm on PATH,
 * jq and this JVM's java, a private HOME, Helm and Docker configuration, the CLI from the test classpath
 * ({@link CliLauncherJar}), S3Mock's credentials, and files standing in for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
final class CiScriptRun {
    record Result(int exitCode, String output) {}

    private final Path script;
    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();

    /** A run of scripts/ci/NAME in its own directory under {@code dir}, with {@code helm} as the helm on PATH. */
    CiScriptRun(String name, Path dir, Path helm) {
        this.script = Path.of("scripts/ci", name).toAbsolutePath();
        try {
            this.home = Files.createDirectories(dir);
            Path bin = Files.createDirectories(home.resolve("bin"));
            Path link = bin.resolve("helm");
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, helm);
            }
            Path jar = Files.exists(home.resolve("kube9-charts-cli-launcher.jar")) ? home.resolve("kube9-charts-cli-launcher.jar")
                    : CliLauncherJar.create(home);
            for (String file : List.of("github-output", "github-step-summary")) {
                Files.deleteIfExists(home.resolve(file));
                Files.createFile(home.resolve(file));
            }
            environment.put("PATH", String.join(":", bin.toString(), TestTools.jq().getParent().toString(),
                    Path.of(System.getProperty("java.home"), "bin").toString(), "/usr/local/bin", "/usr/bin", "/bin"));
            environment.put("HOME", Files.createDirectories(home.resolve("home")).toString());
            environment.put("HELM_CACHE_HOME", home.resolve("helm-cache").toString());
            environment.put("HELM_CONFIG_HOME", home.resolve("helm-config").toString());
            environment.put("HELM_DATA_HOME", home.resolve("helm-data").toString());
            environment.put("DOCKER_CONFIG", home.resolve("docker").toString());
            environment.put("RUNNER_TEMP", Files.createDirectories(home.resolve("runner-temp")).toString());
            environment.put("KUBE9_WORK_DIR", home.resolve("work").toString());
            environment.put("KUBE9_CLI_JAR", jar.toString());
            environment.put("GITHUB_OUTPUT", home.resolve("github-output").toString());
            environment.put("GITHUB_STEP_SUMMARY", home.resolve("github-step-summary").toString());
            environment.put("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY);
            environment.put("AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY);
            environment.put("AWS_REGION", S3MockServer.REGION.id());
            // The CLI's JVMs live for seconds: C1 only and the serial collector start them about a third faster.
            environment.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
            environment.put("SMOKE_TEST_ATTEMPTS", "2");
            environment.put("SMOKE_TEST_DELAY_SECONDS", "0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CiScriptRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Path file(String name) {
        return home.resolve(name);
    }

    String read(String name) {
        try {
            return Files.readString(home.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), script + " did not finish");
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
