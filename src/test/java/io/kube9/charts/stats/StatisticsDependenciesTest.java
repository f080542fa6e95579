package io.kube9.charts.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The statistics capability composes the core (io.kube9.charts.repository) and nothing else of this project. */
class StatisticsDependenciesTest {
    private static final List<String> FORBIDDEN = List.of("publishing", "lifecycle", "migration", "oci", "site", "cli", "infra", "ops");

    @Test
    void importsOnlyTheCoreOfThisProject() throws Exception {
        Map<String, String> offending = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/kube9/charts/stats"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            Files.readAllLines(source).stream().filter(line -> line.startsWith("import io.kube9.charts."))
                    .filter(line -> FORBIDDEN.stream().anyMatch(name -> line.startsWith("import io.kube9.charts." + name + ".")))
                    .forEach(line -> offending.put(source.getFileName() + ": " + line, line));
        }
        assertTrue(sources.size() > 10, sources.toString());
        assertEquals(Map.of(), offending);
    }
}
