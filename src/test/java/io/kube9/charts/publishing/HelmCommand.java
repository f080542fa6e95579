package io.kube9.charts.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real Helm binary with its own cache, configuration and data directories (never the user's). */
public final class HelmCommand {
    private final Path helm;
    private final Path home;

    public HelmCommand(Path helm, Path home) {
        this.helm = helm;
        this.home = home;
    }

    public record Result(int exitCode, String out, String err) {
        public Result assertOk(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + out + err);
            }
            return this;
        }
    }

    public Path cacheHome() {
        return home.resolve("cache");
    }

    /** {@code helm package CHART -d INTO}; fails the test if Helm refuses. */
    public Result packageChart(Path chart, Path into) {
        return run("package", chart.toString(), "-d", into.toString()).assertOk("helm package " + chart);
    }

    /** As {@link #packageChart}, signed with the test key in {@code keys} (see {@link SigningKey#generate}). */
    public Result packageSigned(Path chart, Path keys, Path into) {
        return run("package", "--sign", "--key", SigningKey.USER_ID, "--keyring", keys.resolve("secring.gpg").toString(),
                chart.toString(), "-d", into.toString()).assertOk("helm package --sign " + chart);
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(helm.toString());
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile(home.getParent(), "helm-out-", ".txt");
            Path stderr = Files.createTempFile(home.getParent(), "helm-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Map<String, String> env = builder.environment();
            env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
            env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
            env.put("HELM_DATA_HOME", home.resolve("data").toString());
            env.put("GNUPGHOME", home.resolve("gnupg-unused").toString());
            env.put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
