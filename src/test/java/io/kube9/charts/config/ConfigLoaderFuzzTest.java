package io.kube9.charts.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the configuration loader: whatever the overlay file holds, the loader
 * either returns a configuration or refuses with a {@link ConfigException} whose every problem names
 * the file (or the built-in defaults) and says how to fix it. Any other exception is a finding.
 */
class ConfigLoaderFuzzTest {
    private static Path overlay;

    @BeforeAll
    static void createOverlayFile() throws IOException {
        overlay = Files.createTempFile("fuzzed-overlay", ".yaml");
    }

    @AfterAll
    static void deleteOverlayFile() throws IOException {
        Files.deleteIfExists(overlay);
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"environment:", "repository:", "domain:", "hostedZone:", "bucket:", "name:", "region:",
            "cdn:", "priceClass:", "indexMaxTtlSeconds:", "github:", "stateBackend:", "tags:", "certificate:",
            "existingArn:", "publishing:", "repositories:", "repositoryId:", "tags:", "charts:", "workflowRefs:", "oci:",
            "target:", "ecrPublicAlias:", "registry:", "&a", "*a", "!!binary", "null", "- ", ": "})
    void loadsOrRefusesWithAMessageNamingTheFile(byte[] content) throws IOException {
        Files.write(overlay, content);
        try {
            ConfigLoader.load(overlay);
        } catch (ConfigException refused) {
            assertFalse(refused.problems().isEmpty());
            for (String problem : refused.problems()) {
                assertTrue(problem.contains(overlay.toString()) || problem.contains(ConfigLoader.DEFAULTS_SOURCE),
                        "problem does not name the file: " + problem);
                assertTrue(problem.contains("Fix"), "problem does not say how to fix it: " + problem);
            }
        }
    }
}
