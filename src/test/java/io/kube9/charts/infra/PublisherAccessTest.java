package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher role GitHub release runs assume; production, and with the OIDC provider created. */
class PublisherAccessTest {
    private static final String TRUST = "publisher/trust-policy";
    private static final String PERMISSIONS = "publisher/permissions-policy";

    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson creatingProvider;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        creatingProvider = Synthesized.chartHostingStack(dir, "github:\n  createOidcProvider: true\n");
    }

    @Test
    void githubOidcProviderIsLookedUpNotCreatedByDefault() {
        assertTrue(production.resources("aws_iam_openid_connect_provider").isEmpty());
        assertEquals("https://token.actions.githubusercontent.com",
                production.data("aws_iam_openid_connect_provider", "publisher/github-oidc-provider").path("url").asText());
        assertEquals(List.of("Federated:" + production.dataRef("aws_iam_openid_connect_provider", "publisher/github-oidc-provider", "arn")),
                principals(production.statement(TRUST, "GitHubReleaseTagsOnly")));
    }

    @Test
    void githubOidcProviderIsCreatedWhenConfigured() {
        JsonNode provider = creatingProvider.resource("aws_iam_openid_connect_provider", "publisher/github-oidc-provider/provider");
        assertEquals("https://token.actions.githubusercontent.com", provider.path("url").asText());
        assertEquals(List.of("sts.amazonaws.com"), strings(provider.path("client_id_list")));
        assertTrue(creatingProvider.root().path("data").path("aws_iam_openid_connect_provider").isMissingNode());
        assertEquals(List.of("Federated:" + creatingProvider.ref("aws_iam_openid_connect_provider", "publisher/github-oidc-provider/provider", "arn")),
                principals(creatingProvider.statement(TRUST, "GitHubReleaseTagsOnly")));
    }

    @Test
    void CKV_AWS_358_trustPinsAudienceAndTheRepositorysReleaseTags() {
        JsonNode trust = production.statement(TRUST, "GitHubReleaseTagsOnly");
        assertEquals(1, production.data("aws_iam_policy_document", TRUST).path("statement").size());
        assertEquals("Allow", trust.path("effect").asText());
        assertEquals(List.of("Federated:" + production.dataRef("aws_iam_openid_connect_provider", "publisher/github-oidc-provider",
                "arn")), principals(trust), "only the account's GitHub OIDC provider");
        assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), strings(trust.path("actions")));
        assertEquals(Map.of(
                        "StringEquals", Map.of("token.actions.githubusercontent.com:aud", List.of("sts.amazonaws.com")),
                        "StringLike", Map.of("token.actions.githubusercontent.com:sub",
                                List.of("repo:alto9/kube9-operator:ref:refs/tags/v*"))),
                conditions(trust));
    }

    @Test
    void roleUsesTheTrustPolicyAndTheInlinePermissions() {
        JsonNode role = production.resource("aws_iam_role", "publisher/role");
        assertEquals("kube9-charts-production-publisher", role.path("name").asText());
        assertEquals(production.dataRef("aws_iam_policy_document", TRUST, "json"), role.path("assume_role_policy").asText());
        JsonNode policy = production.resource("aws_iam_role_policy", "publisher/permissions");
        assertEquals(production.ref("aws_iam_role", "publisher/role", "id"), policy.path("role").asText());
        assertEquals(production.dataRef("aws_iam_policy_document", PERMISSIONS, "json"), policy.path("policy").asText());
        assertEquals(1, production.resources("aws_iam_role_policy").size());
        assertTrue(production.resources("aws_iam_role_policy_attachment").isEmpty(), "no managed policies");
    }

    @Test
    void publisherRoleCarriesTheBoundary() {
        JsonNode role = production.resource("aws_iam_role", "publisher/role");
        assertEquals("arn:aws:iam::" + production.dataRef("aws_caller_identity", "publisher/account", "account_id")
                        + ":policy/kube9-bootstrap/kube9-charts-permissions-boundary",
                role.path("permissions_boundary").asText());
    }

    @Test
    void readsAndWritesOnlyChartObjectsAndRepositoryFilesOfThisBucket() {
        String bucket = production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn");
        JsonNode objects = production.statement(PERMISSIONS, "ReadWriteChartObjects");
        assertEquals(List.of("s3:GetObject", "s3:PutObject"), strings(objects.path("actions")));
        assertEquals(List.of(bucket + "/*.tgz", bucket + "/*.prov", bucket + "/index.yaml", bucket + "/index.html",
                bucket + "/artifacthub-repo.yml"), strings(objects.path("resources")));
    }

    @Test
    void listsOnlyThisBucket() {
        JsonNode list = production.statement(PERMISSIONS, "ListChartBucket");
        assertEquals(List.of("s3:ListBucket"), strings(list.path("actions")));
        assertEquals(List.of(production.ref("aws_s3_bucket", "chart-bucket/bucket", "arn")), strings(list.path("resources")));
    }

    @Test
    void invalidatesOnlyThisDistribution() {
        JsonNode invalidate = production.statement(PERMISSIONS, "InvalidateChartCdn");
        assertEquals(List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"), strings(invalidate.path("actions")));
        assertEquals(List.of(production.ref("aws_cloudfront_distribution", "cdn/distribution", "arn")),
                strings(invalidate.path("resources")));
    }

    @Test
    void CKV_AWS_355_CKV_AWS_356_noWildcardResourceOrAction() {
        for (JsonNode statement : statements()) {
            for (String resource : strings(statement.path("resources"))) {
                assertFalse(resource.equals("*") || resource.startsWith("arn:aws:s3:::*"), resource);
            }
            for (String action : strings(statement.path("actions"))) {
                assertFalse(action.contains("*"), action);
            }
        }
    }

    @Test
    void nothingButTheThreeAllowStatements_noDelete() {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : statements()) {
            assertEquals("Allow", statement.path("effect").asText());
            actions.addAll(strings(statement.path("actions")));
        }
        assertEquals(List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "cloudfront:CreateInvalidation",
                "cloudfront:GetInvalidation"), actions);
    }

    private static List<JsonNode> statements() {
        List<JsonNode> all = new ArrayList<>();
        production.data("aws_iam_policy_document", PERMISSIONS).path("statement").forEach(all::add);
        return all;
    }
}
