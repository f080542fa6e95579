package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command under GNU time ({@code /usr/bin/time}) for its peak resident memory, and
 * times the wall clock around it in this JVM. A failing command fails the benchmark with its output.
 */
public final class MeasuredProcess {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long TIMEOUT_MINUTES = 30;

    /** One measured run: wall seconds, peak resident set size in KiB, and what the command printed. */
    public record Run(double seconds, long maxRssKib, String output) {
        public double maxRssMib() {
            return maxRssKib / 1024.0;
        }
    }

    private MeasuredProcess() {}

    public static Run run(List<String> command, Map<String, String> environment, Path workingDirectory) {
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IllegalStateException("/usr/bin/time (GNU time) is needed for peak memory: apt-get install time");
        }
        try {
            Path rusage = Files.createTempFile("bench-rusage-", ".txt");
            Path output = Files.createTempFile("bench-output-", ".txt");
            try {
                List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rusage.toString()));
                timed.addAll(command);
                ProcessBuilder builder = new ProcessBuilder(timed)
                        .directory(workingDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                long start = System.nanoTime();
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out after " + TIMEOUT_MINUTES + " min: " + brief(command));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("exit " + process.exitValue() + " from " + brief(command) + ":\n" + printed);
                }
                List<String> lines = Files.readAllLines(rusage);
                long maxRss = Long.parseLong(lines.get(lines.size() - 1).trim());
                return new Run(seconds, maxRss, printed);
            } finally {
                Files.deleteIfExists(rusage);
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + brief(command), e);
        }
    }

    /** The command with over-long arguments (class paths) shortened, for messages. */
    private static String brief(List<String> command) {
        return command.stream().map(arg -> arg.length() > 200 ? arg.substring(0, 80) + "..." : arg).toList().toString();
    }
}
