package io.kube9.charts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the command line ({@code io.kube9.charts.cli.Kube9ChartsCli}) as a separate OS process on the
 * test runtime classpath, with S3Mock's credentials in its environment: for crashes (kill -9) and
 * for memory limits (a small heap).
 */
public final class CliProcess {
    private static final String MAIN = "io.kube9.charts.cli.Kube9ChartsCli";
    /** A short-lived CLI run is mostly JVM start-up: C1 only and the serial collector start it fastest. */
    private static final List<String> SHORT_RUN = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private CliProcess() {}

    /** A finished run. */
    public record Result(int exitCode, String stdout, String stderr) {}

    public static Process start(List<String> jvmOptions, List<String> arguments, Path logDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_RUN);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(logDirectory.resolve("stdout.txt").toFile())
                .redirectError(logDirectory.resolve("stderr.txt").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY);
        builder.environment().put("AWS_REGION", S3MockServer.REGION.id());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * kill -9 at a chosen step: {@code proxy} holds the request {@code hold} matches (a HOLD or
     * HOLD_AFTER_APPLYING rule), the CLI is started and killed while it waits for the answer, then the
     * held request goes on. Fails unless the process died of the kill.
     */
    public static void killWhileHeld(FaultProxy proxy, FaultProxy.Rule hold, List<String> jvmOptions, List<String> arguments,
            Path logDirectory) throws InterruptedException, ExecutionException, TimeoutException {
        proxy.inject(hold);
        Process process = start(jvmOptions, arguments, logDirectory);
        try {
            proxy.held().get(90, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            proxy.releaseHeld();
        }
        if (process.isAlive() || process.exitValue() == 0) {
            throw new AssertionError("the CLI was not killed while its request was held: " + arguments);
        }
    }

    /** Runs to completion (at most two minutes) and returns the exit code and output. */
    public static Result run(List<String> jvmOptions, List<String> arguments) {
        try {
            Path logs = Files.createTempDirectory("kube9-cli-");
            Process process = start(jvmOptions, arguments, logs);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the CLI did not finish within two minutes: " + arguments);
            }
            return new Result(process.exitValue(), Files.readString(logs.resolve("stdout.txt"), StandardCharsets.UTF_8),
                    Files.readString(logs.resolve("stderr.txt"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
