package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.infra.constructs.EcrPublicChartRepositories;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher roles, one per publishing repository: production (one repository, ECR Public), two repositories
 * (one pinned by repository ID, two workflow refs), OCI off, and the OIDC provider created instead of looked up.
 */
class PublisherAccessTest {
    private static final String OPERATOR = "publisher-alto9.kube9-operator";
    private static final String AGENT = "publisher-alto9.kube9-agent";
    private static final String OIDC = "token.actions.githubusercontent.com";
    private static final String WORKFLOW = "alto9/kube9-charts/.github/workflows/publish-charts.yml";
    static final String TWO_REPOSITORIES = """
            publishing:
              repositories:
                - repository: alto9/kube9-operator
                  tags: "v*"
                  charts: [kube9-operator]
                - repository: alto9/kube9-agent
                  repositoryId: 812345678
                  tags: "agent-v*"
                  charts: [kube9-agent, kube9-agent-crds]
              workflowRefs: ["refs/heads/main", "refs/tags/v1"]
            """;

    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson two;
    private static StackJson ociOff;
    private static StackJson creatingProvider;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        two = Synthesized.chartHostingStack(dir, TWO_REPOSITORIES);
        ociOff = Synthesized.chartHostingStack(dir, "oci:\n  target: \"off\"\n");
        creatingProvider = Synthesized.chartHostingStack(dir, "github:\n  createOidcProvider: true\n");
    }

    private static JsonNode trust(StackJson stack, String publisher) {
        assertEquals(1, stack.data("aws_iam_policy_document", publisher + "/trust-policy").path("statement").size());
        return stack.statement(publisher + "/trust-policy", "ReleaseTagsThroughThePublishWorkflow");
    }

    private static List<JsonNode> permissions(StackJson stack, String publisher) {
        List<JsonNode> all = new ArrayList<>();
        stack.data("aws_iam_policy_document", publisher + "/permissions-policy").path("statement").forEach(all::add);
        return all;
    }

    @Test
    void onePublisherRolePerPublishingRepository() {
        assertEquals(1, production.resources("aws_iam_role").stream().filter(r -> r.path("name").asText().contains("-publisher-")).count());
        assertEquals("kube9-charts-production-publisher-alto9.kube9-operator",
                two.resource("aws_iam_role", OPERATOR + "/role").path("name").asText());
        assertEquals("kube9-charts-production-publisher-alto9.kube9-agent",
                two.resource("aws_iam_role", AGENT + "/role").path("name").asText());
        for (StackJson stack : List.of(production, two)) {
            for (JsonNode role : stack.resources("aws_iam_role")) {
                assertTrue(role.path("name").asText().startsWith("kube9-charts-"), "in the CI deploy role's scope: " + role);
                assertTrue(role.path("name").asText().length() <= 64, role.path("name").asText());
            }
        }
    }

    @Test
    void CKV_AWS_358_trustPinsAudienceReleaseTagsAndTheReusableWorkflow() {
        JsonNode statement = trust(production, OPERATOR);
        assertEquals("Allow", statement.path("effect").asText());
        assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), strings(statement.path("actions")));
        assertEquals(List.of("Federated:" + production.dataRef("aws_iam_openid_connect_provider", "github-oidc-provider", "arn")),
                principals(statement), "only the account's GitHub OIDC provider");
        assertEquals(Map.of(
                        "StringEquals", Map.of(OIDC + ":aud", List.of("sts.amazonaws.com")),
                        "StringLike", Map.of(OIDC + ":sub", List.of("repo:alto9/kube9-operator:ref:refs/tags/v*"),
                                OIDC + ":job_workflow_ref", List.of(WORKFLOW + "@refs/heads/main", WORKFLOW + "@refs/tags/v1",
                                        WORKFLOW + "@refs/tags/v1.*"))),
                conditions(statement));
    }

    /**
     * Callers pin @v1 or a release tag (docs/releases.md): the production role takes job_workflow_ref at those, as IAM's
     * StringLike matches the synthesized values, and not at another branch, another major or an arbitrary tag.
     */
    @Test
    void CKV_AWS_358_aCallerAtV1OrAReleaseTagIsTrustedAndAnArbitraryBranchOrTagIsNot() {
        List<String> trusted = conditions(trust(production, OPERATOR)).get("StringLike").get(OIDC + ":job_workflow_ref");
        for (String ref : List.of("refs/tags/v1", "refs/tags/v1.0.0", "refs/tags/v1.4.2", "refs/heads/main")) {
            assertTrue(trusted.stream().anyMatch(pattern -> stringLike(pattern, WORKFLOW + "@" + ref)), ref + " vs " + trusted);
        }
        for (String ref : List.of("refs/heads/feature", "refs/heads/v1", "refs/heads/main2", "refs/tags/v2", "refs/tags/v10.0.0",
                "refs/tags/latest", "0123456789abcdef0123456789abcdef01234567")) {
            assertFalse(trusted.stream().anyMatch(pattern -> stringLike(pattern, WORKFLOW + "@" + ref)), ref + " vs " + trusted);
        }
        assertFalse(trusted.stream().anyMatch(pattern -> stringLike(pattern,
                "alto9/kube9-charts/.github/workflows/ci.yml@refs/tags/v1")), "another workflow of the same repository");
    }

    /** IAM's StringLike: '*' matches any characters (also none), '?' one, everything else itself. */
    private static boolean stringLike(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    @Test
    void CKV_AWS_358_eachRepositoryIsTrustedForItsOwnTagsAndOptionallyItsId() {
        List<String> refs = List.of(WORKFLOW + "@refs/heads/main", WORKFLOW + "@refs/tags/v1");
        assertEquals(Map.of(
                        "StringEquals", Map.of(OIDC + ":aud", List.of("sts.amazonaws.com")),
                        "StringLike", Map.of(OIDC + ":sub", List.of("repo:alto9/kube9-operator:ref:refs/tags/v*"),
                                OIDC + ":job_workflow_ref", refs)),
                conditions(trust(two, OPERATOR)));
        assertEquals(Map.of(
                        "StringEquals", Map.of(OIDC + ":aud", List.of("sts.amazonaws.com"), OIDC + ":repository_id", List.of("812345678")),
                        "StringLike", Map.of(OIDC + ":sub", List.of("repo:alto9/kube9-agent:ref:refs/tags/agent-v*"),
                                OIDC + ":job_workflow_ref", refs)),
                conditions(trust(two, AGENT)));
    }

    /** checkov CKV_AWS_358 / CKV_AWS_393: every sub value starts with repo:OWNER/REPO: and none is a bare wildcard. */
    @Test
    void CKV_AWS_358_noSubjectIsAWildcard() {
        for (StackJson stack : List.of(production, two)) {
            for (JsonNode document : (Iterable<JsonNode>) () -> stack.root().path("data").path("aws_iam_policy_document").elements()) {
                for (JsonNode statement : document.path("statement")) {
                    for (JsonNode condition : statement.path("condition")) {
                        if (condition.path("variable").asText().equals(OIDC + ":sub")) {
                            for (String sub : strings(condition.path("values"))) {
                                assertTrue(sub.matches("repo:[A-Za-z0-9-]+/[A-Za-z0-9._-]+:[^*].*"), sub);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void readsAndWritesOnlyItsOwnChartsAndTheRepositoryFiles() {
        String bucket = two.ref("aws_s3_bucket", "chart-bucket/bucket", "arn");
        JsonNode own = two.statement(AGENT + "/permissions-policy", "ReadWriteOwnChartPackages");
        assertEquals(List.of("s3:GetObject", "s3:PutObject"), strings(own.path("actions")));
        assertEquals(List.of(bucket + "/kube9-agent-*.tgz", bucket + "/kube9-agent-*.tgz.prov", bucket + "/kube9-agent-crds-*.tgz",
                bucket + "/kube9-agent-crds-*.tgz.prov"), strings(own.path("resources")));
        JsonNode files = two.statement(AGENT + "/permissions-policy", "ReadWriteRepositoryFiles");
        assertEquals(List.of("s3:GetObject", "s3:PutObject"), strings(files.path("actions")));
        assertEquals(List.of(bucket + "/index.yaml", bucket + "/index.html", bucket + "/charts/*/index.html", bucket + "/artifacthub-repo.yml"),
                strings(files.path("resources")));
        JsonNode ledger = two.statement(AGENT + "/permissions-policy", "ReadLifecycleLedger");
        assertEquals(List.of("s3:GetObject"), strings(ledger.path("actions")), "the ledger is read, never written");
        assertEquals(List.of(bucket + "/lifecycle.json"), strings(ledger.path("resources")));
    }

    /** The negative: whatever the agent repository's role may write, no key of the operator's chart matches it. */
    @Test
    void aSecondRepositorysRoleCannotWriteTheFirstsChartKeys() {
        String bucket = two.ref("aws_s3_bucket", "chart-bucket/bucket", "arn") + "/";
        List<String> operatorKeys = List.of("kube9-operator-1.0.0.tgz", "kube9-operator-1.0.0.tgz.prov",
                "kube9-operator-2.4.0+build.7.tgz");
        for (JsonNode statement : permissions(two, AGENT)) {
            if (!strings(statement.path("actions")).contains("s3:PutObject")) {
                continue;
            }
            for (String resource : strings(statement.path("resources"))) {
                String pattern = resource.substring(bucket.length());
                for (String key : operatorKeys) {
                    assertFalse(FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("*", "**")).matches(Path.of(key)),
                            AGENT + " may write " + key + " through " + resource);
                }
            }
        }
        assertTrue(strings(two.statement(OPERATOR + "/permissions-policy", "ReadWriteOwnChartPackages").path("resources"))
                .stream().allMatch(r -> r.startsWith(bucket + "kube9-operator-")));
    }

    @Test
    void listsOnlyThisBucketAndInvalidatesOnlyThisDistribution() {
        JsonNode list = production.statement(OPERATOR + "/permissions-policy", "ListChartBucket");
        assertEquals(List.of("s3:ListBucket"), strings(list.path("actions")));
        assertEquals(List.of(production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn")), strings(list.path("resources")));
        JsonNode invalidate = production.statement(OPERATOR + "/permissions-policy", "InvalidateChartCdn");
        assertEquals(List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"), strings(invalidate.path("actions")));
        assertEquals(List.of(production.ref("aws_cloudfront_distribution", "cdn/distribution", "arn")),
                strings(invalidate.path("resources")));
    }

    @Test
    void pushesOnlyToItsOwnChartsEcrPublicRepositories() {
        JsonNode push = two.statement(AGENT + "/permissions-policy", "PushOwnChartsToEcrPublic");
        assertEquals(EcrPublicChartRepositories.PUSH_ACTIONS, strings(push.path("actions")));
        assertEquals(List.of(two.ref("aws_ecrpublic_repository", "oci-repositories/kube9-agent", "arn"),
                two.ref("aws_ecrpublic_repository", "oci-repositories/kube9-agent-crds", "arn")), strings(push.path("resources")));
        assertEquals(List.of(two.ref("aws_ecrpublic_repository", "oci-repositories/kube9-operator", "arn")),
                strings(two.statement(OPERATOR + "/permissions-policy", "PushOwnChartsToEcrPublic").path("resources")));
    }

    /**
     * CKV_AWS_355 / CKV_AWS_356: no wildcard action, and the only unscoped resource is the documented exception,
     * the ECR Public login (ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken exist only on "*").
     */
    @Test
    void CKV_AWS_355_CKV_AWS_356_unscopedOnlyForTheEcrPublicLogin() {
        List<JsonNode> statements = new ArrayList<>(permissions(production, OPERATOR));
        statements.addAll(permissions(two, OPERATOR));
        statements.addAll(permissions(two, AGENT));
        for (JsonNode statement : statements) {
            strings(statement.path("actions")).forEach(action -> assertFalse(action.contains("*"), action));
            List<String> resources = strings(statement.path("resources"));
            if (statement.path("sid").asText().equals(EcrPublicChartRepositories.LOGIN_SID)) {
                assertEquals(List.of("*"), resources);
                assertEquals(EcrPublicChartRepositories.LOGIN_ACTIONS, strings(statement.path("actions")));
            } else {
                assertTrue(resources.stream().noneMatch(r -> r.equals("*") || r.startsWith("arn:aws:s3:::*")), resources.toString());
            }
        }
    }

    @Test
    void nothingButTheseAllowStatements_noDelete() {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : permissions(production, OPERATOR)) {
            assertEquals("Allow", statement.path("effect").asText());
            assertTrue(statement.path("condition").isMissingNode(), statement.toString());
            actions.addAll(strings(statement.path("actions")));
        }
        List<String> expected = new ArrayList<>(List.of("s3:GetObject", "s3:PutObject", "s3:GetObject", "s3:PutObject",
                "s3:GetObject", "s3:ListBucket", "cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"));
        expected.addAll(EcrPublicChartRepositories.PUSH_ACTIONS);
        expected.addAll(EcrPublicChartRepositories.LOGIN_ACTIONS);
        assertEquals(expected, actions);
    }

    @Test
    void withoutEcrPublicThereIsNoOciPermission() {
        List<String> sids = permissions(ociOff, OPERATOR).stream().map(s -> s.path("sid").asText()).toList();
        assertEquals(List.of("ReadWriteOwnChartPackages", "ReadWriteRepositoryFiles", "ReadLifecycleLedger", "ListChartBucket",
                "InvalidateChartCdn"), sids);
    }

    @Test
    void rolesUseTheirTrustPolicyTheirInlinePermissionsAndTheBoundary() {
        for (String publisher : List.of(OPERATOR, AGENT)) {
            JsonNode role = two.resource("aws_iam_role", publisher + "/role");
            assertEquals(two.dataRef("aws_iam_policy_document", publisher + "/trust-policy", "json"), role.path("assume_role_policy").asText());
            assertEquals("arn:aws:iam::" + two.dataRef("aws_caller_identity", "iam-account", "account_id")
                    + ":policy/kube9-bootstrap/kube9-charts-permissions-boundary", role.path("permissions_boundary").asText());
            JsonNode policy = two.resource("aws_iam_role_policy", publisher + "/permissions");
            assertEquals(two.ref("aws_iam_role", publisher + "/role", "id"), policy.path("role").asText());
            assertEquals(two.dataRef("aws_iam_policy_document", publisher + "/permissions-policy", "json"), policy.path("policy").asText());
        }
        assertTrue(two.resources("aws_iam_role_policy_attachment").isEmpty(), "no managed policies");
    }

    @Test
    void outputNamesEachRepositorysRoleArn() {
        JsonNode arns = two.root().path("output").path("publisher_role_arns").path("value");
        assertEquals(two.ref("aws_iam_role", OPERATOR + "/role", "arn"), arns.path("alto9/kube9-operator").asText());
        assertEquals(two.ref("aws_iam_role", AGENT + "/role", "arn"), arns.path("alto9/kube9-agent").asText());
        assertEquals(2, arns.size());
    }

    @Test
    void githubOidcProviderIsLookedUpNotCreatedByDefault() {
        assertTrue(production.resources("aws_iam_openid_connect_provider").isEmpty());
        assertEquals("https://token.actions.githubusercontent.com",
                production.data("aws_iam_openid_connect_provider", "github-oidc-provider").path("url").asText());
    }

    @Test
    void githubOidcProviderIsCreatedWhenConfigured() {
        JsonNode provider = creatingProvider.resource("aws_iam_openid_connect_provider", "github-oidc-provider/provider");
        assertEquals("https://token.actions.githubusercontent.com", provider.path("url").asText());
        assertEquals(List.of("sts.amazonaws.com"), strings(provider.path("client_id_list")));
        assertTrue(creatingProvider.root().path("data").path("aws_iam_openid_connect_provider").isMissingNode());
        String arn = creatingProvider.ref("aws_iam_openid_connect_provider", "github-oidc-provider/provider", "arn");
        assertEquals(List.of("Federated:" + arn), principals(trust(creatingProvider, OPERATOR)));
        assertEquals(List.of("Federated:" + arn),
                principals(creatingProvider.statement("lifecycle/trust-policy", "LifecycleWorkflowInTheDeployEnvironment")));
    }
}
