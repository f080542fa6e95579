package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.config.PublishingRepository;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the reusable workflow publish-charts.yml, its example caller (kube9-operator's
 * publish-chart.yml in docs/examples) and the rest of the project: the caller's with: and secrets: fit the declared
 * inputs and secrets, it calls the workflow where the publisher role's trust lets it run, the outputs reach what the
 * script writes, and every script a workflow runs gets the variables it requires from its step.
 */
class PublishChartsCallerContractTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path README = Path.of("docs/examples/kube9-operator/README.md");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{(\\w+):\\?");
    /** Set by GitHub Actions in every job, or by lib.sh itself. */
    private static final Set<String> PROVIDED = Set.of("GITHUB_REF", "GITHUB_ACTOR", "GITHUB_REPOSITORY", "GITHUB_OUTPUT",
            "GITHUB_STEP_SUMMARY", "RUNNER_TEMP");

    private static JsonNode reusable;
    private static JsonNode declared;
    private static JsonNode caller;
    private static JsonNode call;

    @BeforeAll
    static void load() throws Exception {
        reusable = YAML.readTree(Path.of(".github/workflows/publish-charts.yml").toFile());
        declared = reusable.path("on").path("workflow_call");
        caller = YAML.readTree(GithubWorkflowsTest.EXAMPLE_CALLER.toFile());
        call = caller.path("jobs").path("publish");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theExampleCallerGivesEveryRequiredInputAndSecretAndNothingUndeclared() {
        Set<String> inputs = names(declared.path("inputs"));
        Set<String> given = names(call.path("with"));
        assertTrue(inputs.containsAll(given), "undeclared inputs: " + given + " vs " + inputs);
        declared.path("inputs").fields().forEachRemaining(input -> {
            if (input.getValue().path("required").asBoolean(false)) {
                assertTrue(given.contains(input.getKey()), "required input missing: " + input.getKey());
            }
            JsonNode value = call.path("with").path(input.getKey());
            if (!value.isMissingNode() && input.getValue().path("type").asText().equals("boolean")) {
                assertTrue(value.isBoolean() || value.asText().startsWith("${{"), input.getKey() + ": " + value);
            }
        });
        assertTrue(names(declared.path("secrets")).containsAll(names(call.path("secrets"))), call.path("secrets").toString());
        declared.path("secrets").fields().forEachRemaining(secret ->
                assertFalse(secret.getValue().path("required").asBoolean(false), "a secret every caller must have: " + secret.getKey()));
        assertFalse(call.path("secrets").isTextual(), "secrets: inherit would hand the workflow every secret of the caller");
    }

    /**
     * The publisher role of a publishing repository trusts sub repo:OWNER/REPO:ref:refs/tags/TAGS and
     * job_workflow_ref HOST/.github/workflows/publish-charts.yml@REF for REF in publishing.workflowRefs (StringLike). The
     * example pins the major tag @v1 (docs/releases.md), which GitHub reports as refs/tags/v1.
     */
    @Test
    void theExampleCallerRunsWhereThePublisherRoleTrustsIt() {
        ChartHostingConfig config = ConfigLoader.defaults();
        Matcher uses = Pattern.compile("([\\w.-]+/[\\w.-]+)/\\.github/workflows/publish-charts\\.yml@([\\w./-]+)").matcher(call.path("uses").asText());
        assertTrue(uses.matches(), call.path("uses").asText());
        assertEquals(config.github().repository(), uses.group(1));
        assertEquals("v1", uses.group(2), "callers pin the major tag");
        assertTrue(config.publishing().workflowRefs().contains("refs/tags/" + uses.group(2)), uses.group(2) + " vs "
                + config.publishing().workflowRefs());
        assertTrue(call.path("environment").isMissingNode(), "a job with environment: has an environment sub, not a tag one");

        // Started on the tag only: a published release or a dispatch on the tag (both have GITHUB_REF refs/tags/...).
        assertEquals(Set.of("release", "workflow_dispatch"), names(caller.path("on")));
        assertEquals(List.of("published"), YAML.convertValue(caller.path("on").path("release").path("types"), List.class));

        PublishingRepository operator = config.publishing().repositories().stream()
                .filter(entry -> entry.repository().equals("alto9/kube9-operator")).findFirst().orElseThrow();
        String prefix = call.path("with").path("tag-prefix").asText(declared.path("inputs").path("tag-prefix").path("default").asText());
        assertEquals(operator.tags(), prefix + "*");
        for (String dir : call.path("with").path("charts").asText().split("\\s+")) {
            assertTrue(operator.charts().contains(Path.of(dir).getFileName().toString()), dir + " vs " + operator.charts());
        }
    }

    /** The workflow's output is a job output, which is a step output the script writes to GITHUB_OUTPUT. */
    @Test
    void theWorkflowsOutputsAreWhatItsPublishStepWrites() throws Exception {
        String script = Files.readString(Path.of("scripts/ci/publish-charts.sh"));
        declared.path("outputs").fields().forEachRemaining(output -> {
            Matcher job = Pattern.compile("\\$\\{\\{ jobs\\.(\\w+)\\.outputs\\.([\\w-]+) }}").matcher(output.getValue().path("value").asText());
            assertTrue(job.matches(), output.getKey());
            String jobOutput = reusable.path("jobs").path(job.group(1)).path("outputs").path(job.group(2)).asText();
            Matcher step = Pattern.compile("\\$\\{\\{ steps\\.(\\w+)\\.outputs\\.([\\w-]+) }}").matcher(jobOutput);
            assertTrue(step.matches(), jobOutput);
            List<JsonNode> steps = new ArrayList<>();
            reusable.path("jobs").path(job.group(1)).path("steps").forEach(candidate -> {
                if (candidate.path("id").asText().equals(step.group(1))) {
                    steps.add(candidate);
                }
            });
            assertEquals(1, steps.size(), step.group(1));
            assertTrue(steps.get(0).path("run").asText().contains("scripts/ci/publish-charts.sh publish"), steps.get(0).toString());
            assertTrue(script.contains("echo \"" + step.group(2) + "="), "publish-charts.sh never writes " + step.group(2));
        });
        assertEquals(Set.of("charts"), names(declared.path("outputs")));
    }

    @Test
    void everyDeclaredInputAndSecretIsUsed() throws Exception {
        String text = Files.readString(Path.of(".github/workflows/publish-charts.yml"));
        String jobs = text.substring(text.indexOf("\njobs:"));
        for (String input : names(declared.path("inputs"))) {
            assertTrue(jobs.contains("inputs." + input + " ") || jobs.contains("inputs." + input + "}"), "unused input " + input);
        }
        for (String secret : names(declared.path("secrets"))) {
            assertTrue(jobs.contains("secrets." + secret + " "), "unused secret " + secret);
        }
    }

    /**
     * A variable a script requires (${NAME:?...}) is in its step's env:, unless GitHub Actions always sets it. For a
     * script run with a subcommand (publish-charts.sh publish), the requirements of the function it dispatches to.
     */
    @Test
    void everyScriptGetsTheVariablesItRequiresFromItsStep() throws Exception {
        int checked = 0;
        try (var files = Files.list(Path.of(".github/workflows"))) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode job : YAML.readTree(file.toFile()).path("jobs")) {
                    for (JsonNode step : job.path("steps")) {
                        Matcher run = Pattern.compile("(scripts/ci/[\\w-]+\\.sh)(?: (\\w+))?").matcher(step.path("run").asText());
                        while (run.find()) {
                            for (String name : requiredVariables(Path.of(run.group(1)), run.group(2))) {
                                assertTrue(step.path("env").has(name) || PROVIDED.contains(name),
                                        file + ": " + run.group() + " requires " + name + ", which the step does not set");
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 9, "only " + checked + " required variables found");
    }

    private static Set<String> requiredVariables(Path script, String subcommand) throws Exception {
        String text = Files.readString(script);
        if (subcommand != null) {
            Matcher dispatch = Pattern.compile("(?m)^ *" + subcommand + "\\) (\\w+) ;;").matcher(text);
            assertTrue(dispatch.find(), script + " has no subcommand " + subcommand);
            Matcher body = Pattern.compile("(?ms)^" + dispatch.group(1) + "\\(\\) \\{\n(.*?)^}").matcher(text);
            assertTrue(body.find(), script + " has no function " + dispatch.group(1));
            text = body.group(1);
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher required = REQUIRED_VARIABLE.matcher(text + Files.readString(Path.of("scripts/ci/lib.sh")));
        while (required.find()) {
            names.add(required.group(1));
        }
        return names;
    }

    /**
     * The job that replaces cut-release.yml's publish_chart (README.md beside the example), linted by actionlint inside
     * the parts of Cut Release it refers to: the existing_tag input and the resolve_existing job with its tag output.
     */
    @Test
    void theCutReleaseJobInTheExampleReadmeIsAValidJob(@TempDir Path dir) throws Exception {
        Matcher block = Pattern.compile("(?ms)^ *```yaml\n( *publish_chart:\n.*?)^ *```").matcher(Files.readString(README));
        assertTrue(block.find(), README.toString());
        String job = block.group(1).replaceAll("(?m)^   ", "");
        Path workflow = dir.resolve("cut-release.yml");
        Files.writeString(workflow, """
                name: Cut Release (the parts the replaced job uses)
                on:
                  workflow_dispatch:
                    inputs:
                      existing_tag:
                        required: false
                        type: string
                jobs:
                  resolve_existing:
                    if: inputs.existing_tag != ''
                    runs-on: ubuntu-latest
                    outputs:
                      tag: ${{ steps.validate.outputs.tag }}
                    steps:
                      - id: validate
                        run: echo "tag=$TAG" >> "$GITHUB_OUTPUT"
                        env:
                          TAG: ${{ inputs.existing_tag }}
                """ + job);

        GithubWorkflowsTest.Lint lint = GithubWorkflowsTest.actionlint(List.of(workflow));

        assertEquals(0, lint.exitCode(), lint.output() + "\n" + Files.readString(workflow));
        JsonNode parsed = YAML.readTree(workflow.toFile()).path("jobs").path("publish_chart");
        assertEquals(java.util.Map.of("actions", "write"), YAML.convertValue(parsed.path("permissions"), java.util.Map.class));
        assertTrue(parsed.path("steps").get(0).path("run").asText().startsWith("gh workflow run publish-chart.yml"), parsed.toString());
    }
}
