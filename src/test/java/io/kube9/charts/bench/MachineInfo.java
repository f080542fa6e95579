package io.kube9.charts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The machine the figures were taken on, as a Markdown table. */
final class MachineInfo {
    private MachineInfo() {}

    static MarkdownTable describe(Path helm3, Path helm4) {
        return new MarkdownTable("Machine", "Property", "Value")
                .row("Date (UTC)", Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .row("CPUs (nproc)", Runtime.getRuntime().availableProcessors())
                .row("CPU model", procField("/proc/cpuinfo", "model name"))
                .row("Memory", procField("/proc/meminfo", "MemTotal"))
                .row("Load average at start", firstLine("/proc/loadavg"))
                .row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .row("Helm 3", helmVersion(helm3))
                .row("Helm 4", helmVersion(helm4));
    }

    private static String helmVersion(Path helm) {
        return MeasuredProcess.run(List.of(helm.toString(), "version", "--short"), Map.of(), Path.of(".")).output().trim();
    }

    private static String procField(String file, String field) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(field))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).get(0);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
