package io.kube9.charts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publishing and oci sections: the repositories that publish which charts, the workflow refs, the OCI target. */
class PublishingConfigTest {
    private static final String TWO_REPOSITORIES = """
            publishing:
              repositories:
                - repository: alto9/kube9-operator
                  repositoryId: 812345678
                  tags: "v*"
                  charts: [kube9-operator]
                - repository: alto9/kube9-agent
                  tags: "agent-v*"
                  charts: [kube9-agent, kube9-agent-crds]
              workflowRefs: ["refs/heads/main", "refs/tags/v1"]
            """;

    @TempDir
    Path dir;

    @Test
    void overlayListsSeveralPublishingRepositories() throws IOException {
        ChartHostingConfig config = ConfigLoader.load(write(TWO_REPOSITORIES));

        assertEquals(List.of(new PublishingRepository("alto9/kube9-operator", 812_345_678L, "v*", List.of("kube9-operator")),
                        new PublishingRepository("alto9/kube9-agent", null, "agent-v*", List.of("kube9-agent", "kube9-agent-crds"))),
                config.publishing().repositories());
        assertEquals(List.of("refs/heads/main", "refs/tags/v1"), config.publishing().workflowRefs());
        assertEquals("repo:alto9/kube9-agent:ref:refs/tags/agent-v*", config.publishing().repositories().get(1).releaseTagSubject());
        assertEquals(Optional.of(812_345_678L), config.publishing().repositories().get(0).id());
        assertEquals("alto9/kube9-charts/.github/workflows/publish-charts.yml@refs/tags/v1",
                config.github().jobWorkflowRef(PublishingConfig.REUSABLE_WORKFLOW, "refs/tags/v1"));
    }

    @Test
    void ociTargets() throws IOException {
        assertEquals(new OciConfig("off", "kube9", null), ConfigLoader.load(write("oci:\n  target: off\n")).oci());
        assertEquals(Optional.empty(), ConfigLoader.load(write("oci:\n  target: \"off\"\n")).oci().repositoryUrl());
        assertEquals(Optional.of("oci://ghcr.io/alto9/charts"),
                ConfigLoader.load(write("oci:\n  target: registry\n  registry: ghcr.io/alto9/charts\n")).oci().repositoryUrl());
        assertEquals(Optional.of("oci://public.ecr.aws/alto9/charts"),
                ConfigLoader.load(write("oci:\n  ecrPublicAlias: alto9\n")).oci().repositoryUrl());
    }

    @Test
    void releaseTagPatternHasMovedAndTheMessageSaysWhere() throws IOException {
        assertRule("github:\n  releaseTagPattern: \"v*\"\n", "%s: github.releaseTagPattern: has moved: each publishing repository"
                + " has its own release tag pattern now. Fix: remove it and set 'tags' (e.g. tags: \"v*\") on the entries of"
                + " publishing.repositories; github.repository is now this hosting project (e.g. alto9/kube9-charts), and the"
                + " chart repositories are listed in publishing.repositories.");
    }

    @Test
    void unknownKeyInAnEntry() throws IOException {
        assertRule(entries("- repository: a/b\n      tags: v*\n      chart: [b]\n"),
                "%s: publishing.repositories[0].chart: unknown key. Fix: remove it or correct its spelling; known keys of each"
                        + " entry of 'publishing.repositories' are repository, repositoryId, tags, charts.");
    }

    @Test
    void entryThatIsNotAMapping() throws IOException {
        assertRule(entries("- alto9/kube9-operator\n"), "%s: publishing.repositories[0]: must be a mapping, not the value"
                + " 'alto9/kube9-operator'. Fix: write the entry as keys repository, repositoryId, tags, charts, like the default"
                + " in io/kube9/charts/config/defaults.yaml.");
    }

    @Test
    void missingFieldsAreRequired() throws IOException {
        assertRule(entries("- charts: [b]\n"),
                "%s: publishing.repositories[0].repository: is required. Fix: give every entry of publishing.repositories a"
                        + " repository, tags and charts.",
                "%s: publishing.repositories[0].tags: is required. Fix: give every entry of publishing.repositories a"
                        + " repository, tags and charts.");
    }

    @Test
    void noRepositoryAtAll() throws IOException {
        assertRule("publishing:\n  repositories: []\n", "%s: publishing.repositories: lists no repository, so nothing could"
                + " publish. Fix: list at least one entry such as {repository: alto9/kube9-operator, tags: \"v*\","
                + " charts: [kube9-operator]}.");
    }

    @Test
    void repositoryForm() throws IOException {
        assertRule(entries(entry("kube9-operator", "v*", "[a]")), "%s: publishing.repositories[0].repository: 'kube9-operator' is"
                + " not a GitHub 'owner/repo'. Fix: use the form 'alto9/kube9-operator' (owner: letters, digits, '-'; repo:"
                + " letters, digits, '.', '_', '-').");
    }

    @Test
    void repositoryListedTwiceIgnoringCase() throws IOException {
        assertRule(entries(entry("alto9/kube9-operator", "v*", "[a]") + entry("Alto9/Kube9-Operator", "v*", "[b]")),
                "%s: publishing.repositories[1].repository: 'Alto9/Kube9-Operator' is listed twice (also"
                        + " publishing.repositories[0]; GitHub names are case-insensitive). Fix: merge the two entries into one.");
    }

    @Test
    void repositoryIdMustBeAPositiveNumber() throws IOException {
        assertRule(entries("- repository: a/b\n      repositoryId: -4\n      tags: v*\n      charts: [b]\n"),
                "%s: publishing.repositories[0].repositoryId: -4 is not a GitHub repository ID. Fix: use the number GitHub"
                        + " reports for the repository (gh api repos/OWNER/REPO --jq .id), or null.");
        assertRule(entries("- repository: a/b\n      repositoryId: \"R_kgDO\"\n      tags: v*\n      charts: [b]\n"),
                "%s: publishing.repositories[0].repositoryId: must be a whole number. Fix: write the value without quotes or"
                        + " units, like the default in io/kube9/charts/config/defaults.yaml.");
    }

    @Test
    void tagPatternMustNotMatchEveryTag() throws IOException {
        for (String pattern : List.of("*", "v?", "v*-*", "${aws:username}")) {
            assertRule(entries(entry("a/b", "\"" + pattern + "\"", "[b]")), "%s: publishing.repositories[0].tags: '" + pattern
                    + "' must be a literal tag prefix optionally followed by one '*' (anything broader lets any tag publish)."
                    + " Fix: use a pattern such as 'v*'.");
        }
    }

    @Test
    void chartNamesMustBeHelmNames() throws IOException {
        for (String name : List.of("My_Chart", "-chart", "chart-", "my.chart", "a".repeat(64))) {
            assertRule(entries(entry("a/b", "v*", "[\"" + name + "\"]")), "%s: publishing.repositories[0].charts: '" + name
                    + "' is not a Helm chart name. Fix: use 1-63 lowercase letters, digits or '-', starting and ending with a"
                    + " letter or digit, such as 'kube9-operator' (Helm's chart name rule).");
        }
    }

    @Test
    void aChartIsPublishedFromOneRepositoryOnly() throws IOException {
        assertRule(entries(entry("alto9/kube9-operator", "v*", "[kube9-operator]") + entry("alto9/fork", "v*", "[kube9-operator]")),
                "%s: publishing.repositories[1].charts: 'kube9-operator' is also listed for alto9/kube9-operator"
                        + " (publishing.repositories[0]); a chart is published from one repository only. Fix: remove it from"
                        + " one of the two entries.");
        assertRule(entries(entry("a/b", "v*", "[b, b]")),
                "%s: publishing.repositories[0].charts: 'b' is listed twice. Fix: list each chart once.");
    }

    /** IAM's a-*.tgz also matches a-b-1.0.0.tgz, so a's role could write b's packages; either order is refused. */
    @Test
    void chartNamesWhoseKeyPatternsOverlapAcrossRepositoriesAreRefused() throws IOException {
        String message = "%s: publishing.repositories[1].charts: '%2$s' cannot be kept apart from '%3$s' of x/first"
                + " (publishing.repositories[0]): the key pattern kube9-*.tgz, with which %4$s's role writes kube9's packages,"
                + " also matches kube9-agent-1.0.0.tgz. Fix: rename one of the charts, or publish both from the same repository.";
        assertRule(entries(entry("x/first", "v*", "[kube9]") + entry("y/second", "v*", "[kube9-agent]")),
                message.replace("%2$s", "kube9-agent").replace("%3$s", "kube9").replace("%4$s", "x/first"));
        assertRule(entries(entry("x/first", "v*", "[kube9-agent]") + entry("y/second", "v*", "[kube9]")),
                message.replace("%2$s", "kube9").replace("%3$s", "kube9-agent").replace("%4$s", "y/second"));
    }

    @Test
    void overlappingNamesInOneRepositoryAndMereSharedPrefixesAreFine() throws IOException {
        ChartHostingConfig config = ConfigLoader.load(write(entries(entry("x/first", "v*", "[kube9, kube9-agent]")
                + entry("y/second", "v*", "[kube9agent, kube]"))));
        assertEquals(2, config.publishing().repositories().size());
    }

    @Test
    void publisherRoleNameMustFitIam() throws IOException {
        String repository = "alto9/" + "r".repeat(30);
        assertRule("environment: staging-environment\n" + entries(entry(repository, "v*", "[b]")),
                "%s: publishing.repositories[0].repository: gives the publisher role name 'kube9-charts-staging-environment"
                        + "-publisher-alto9." + "r".repeat(30) + "' of 79 characters, more than IAM's 64. Fix: use a shorter"
                        + " environment name (the role is named kube9-charts-<environment>-publisher-<owner>.<repo>).");
    }

    @Test
    void workflowRefsAreFullRefsOrCommits() throws IOException {
        String fix = " Fix: use 'refs/heads/<branch>', 'refs/tags/<tag>' (a trailing '*' matches a tag prefix, such as"
                + " 'refs/tags/v1.*') or a 40-character commit SHA, as GitHub reports the part after '@' of the caller's uses:"
                + " line in job_workflow_ref (@v1 is refs/tags/v1, @main is refs/heads/main).";
        assertRule("publishing:\n  workflowRefs: [main, \"refs/heads/*\", \"refs/tags/v1\", \"refs/tags/v1.*\", \"refs/tags/*\","
                        + " \"refs/tags/v1.*.*\", 0123456789abcdef0123456789abcdef01234567]\n",
                "%s: publishing.workflowRefs[0]: 'main' is not a full Git ref or commit SHA." + fix,
                "%s: publishing.workflowRefs[1]: 'refs/heads/*' is not a full Git ref or commit SHA." + fix,
                "%s: publishing.workflowRefs[4]: 'refs/tags/*' is not a full Git ref or commit SHA." + fix,
                "%s: publishing.workflowRefs[5]: 'refs/tags/v1.*.*' is not a full Git ref or commit SHA." + fix);
        assertRule("publishing:\n  workflowRefs: []\n", "%s: publishing.workflowRefs: lists no ref of"
                + " .github/workflows/publish-charts.yml, so no release could assume a publisher role. Fix: list the refs"
                + " callers use, such as [\"refs/heads/main\"].");
    }

    @Test
    void ociTargetRules() throws IOException {
        assertRule("oci:\n  target: ghcr\n", "%s: oci.target: 'ghcr' is not an OCI target. Fix: use off, ecr-public or registry.");
        assertRule("oci:\n  ecrPublicAlias: Kube9\n", "%s: oci.ecrPublicAlias: 'Kube9' is not an ECR Public registry alias."
                + " Fix: set the alias the ECR Public console shows for this account's public registry (2-50 lowercase letters,"
                + " digits, '.', '_' or '-', starting with a letter).");
        assertRule("oci:\n  target: registry\n", "%s: oci.registry: is required when oci.target is 'registry'. Fix: set the"
                + " path charts are pushed under, such as 'ghcr.io/alto9/charts'.");
        assertRule("oci:\n  target: registry\n  registry: https://ghcr.io/alto9/charts\n", "%s: oci.registry:"
                + " 'https://ghcr.io/alto9/charts' is not a registry path. Fix: write the registry host and the path charts go"
                + " under, without scheme, such as 'ghcr.io/alto9/charts' (lowercase; a chart NAME is pushed to"
                + " <registry>/NAME).");
        assertRule("oci:\n  registry: ghcr.io/alto9/charts\n", "%s: oci.registry: is set, but oci.target is 'ecr-public', so"
                + " it would be ignored. Fix: set oci.target to 'registry', or remove oci.registry.");
    }

    private static String entries(String items) {
        return "publishing:\n  repositories:\n    " + items.replace("\n- ", "\n    - ");
    }

    private static String entry(String repository, String tags, String charts) {
        return "- repository: " + repository + "\n      tags: " + tags + "\n      charts: " + charts + "\n";
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("overlay.yaml"), yaml);
    }

    /** Each expected message has a %s where the overlay file's path goes. */
    private void assertRule(String yaml, String... expected) throws IOException {
        Path file = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(Arrays.stream(expected).map(m -> m.replace("%s", file.toString())).toList(), e.problems());
    }
}
