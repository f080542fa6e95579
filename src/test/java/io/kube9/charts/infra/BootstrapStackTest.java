package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.config.OciConfig;
import io.kube9.charts.config.StatisticsConfig;
import io.kube9.charts.infra.constructs.BucketReplication;
import io.kube9.charts.infra.constructs.CiAccess;
import io.kube9.charts.infra.constructs.EcrPublicChartRepositories;
import io.kube9.charts.infra.constructs.LifecycleAccess;
import io.kube9.charts.infra.constructs.StatisticsAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthesized bootstrap stack: state bucket controls, OIDC trust and least privilege of the CI roles. */
class BootstrapStackTest {
    private static final String REPO = "alto9/kube9-charts";
    private static final String WORKFLOWS = REPO + "/.github/workflows/";
    private static final String OIDC = "token.actions.githubusercontent.com";

    private static ChartHostingConfig config;
    private static JsonNode stack;
    private static JsonNode ociOff;
    private static JsonNode statisticsOff;

    @BeforeAll
    static void synthesize() throws Exception {
        config = ConfigLoader.defaults();
        stack = new ObjectMapper().readTree(Testing.synth(new BootstrapStack(Testing.app(), config)));
        ChartHostingConfig off = new ChartHostingConfig(config.environment(), config.repository(), config.cutover(), config.certificate(),
                config.bucket(), config.cdn(), config.github(), config.publishing(), new OciConfig(OciConfig.OFF, null, null),
                config.alerts(), config.stateBackend(), config.statistics(), config.tags());
        ociOff = new ObjectMapper().readTree(Testing.synth(new BootstrapStack(Testing.app(), off)));
        ChartHostingConfig noStatistics = new ChartHostingConfig(config.environment(), config.repository(), config.cutover(),
                config.certificate(), config.bucket(), config.cdn(), config.github(), config.publishing(), config.oci(),
                config.alerts(), config.stateBackend(), new StatisticsConfig(false, 400, 7, 10_737_418_240L), config.tags());
        statisticsOff = new ObjectMapper().readTree(Testing.synth(new BootstrapStack(Testing.app(), noStatistics)));
    }

    private static JsonNode resource(String type, String nameContains) {
        return StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) () -> stack.path("resource").path(type).fields())
                        .spliterator(), false)
                .filter(e -> e.getKey().contains(nameContains))
                .map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " named *" + nameContains + "*"));
    }

    private static JsonNode policyDocument(String nameContains) {
        JsonNode documents = stack.path("data").path("aws_iam_policy_document");
        for (var it = documents.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.contains(nameContains)) {
                return documents.get(name);
            }
        }
        throw new AssertionError("no policy document named *" + nameContains + "*");
    }

    private static List<JsonNode> statements(String document) {
        List<JsonNode> out = new ArrayList<>();
        policyDocument(document).path("statement").forEach(out::add);
        return out;
    }

    private static List<String> sids(JsonNode synthesized, String document) {
        List<String> out = new ArrayList<>();
        for (var it = synthesized.path("data").path("aws_iam_policy_document").fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().contains(document)) {
                entry.getValue().path("statement").forEach(statement -> out.add(statement.path("sid").asText()));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static JsonNode trustCondition(String role, String variableSuffix) {
        for (JsonNode condition : statements(role + "-trust-policy").get(0).path("condition")) {
            if (condition.path("variable").asText().equals(OIDC + ":" + variableSuffix)) {
                return condition;
            }
        }
        throw new AssertionError(role + " trust policy has no condition on " + variableSuffix);
    }

    @Test
    void CKV_AWS_358_planRoleTrustPinsAudienceAndSubjectToPullRequestsAndMain() {
        assertEquals("StringEquals", trustCondition("plan", "aud").path("test").asText());
        assertEquals(List.of("sts.amazonaws.com"), strings(trustCondition("plan", "aud").path("values")));
        assertEquals("StringEquals", trustCondition("plan", "sub").path("test").asText());
        assertEquals(List.of("repo:" + REPO + ":pull_request", "repo:" + REPO + ":ref:refs/heads/main"),
                strings(trustCondition("plan", "sub").path("values")));
        assertEquals("StringLike", trustCondition("plan", "job_workflow_ref").path("test").asText());
        assertEquals(List.of(WORKFLOWS + "ci.yml@*", WORKFLOWS + "drift-detection.yml@refs/heads/main"),
                strings(trustCondition("plan", "job_workflow_ref").path("values")));
        assertEquals(3, statements("plan-trust-policy").get(0).path("condition").size());
    }

    @Test
    void CKV_AWS_358_deployRoleTrustPinsAudienceAndOnlyTheProductionEnvironment() {
        assertEquals(List.of("sts.amazonaws.com"), strings(trustCondition("deploy", "aud").path("values")));
        assertEquals("StringEquals", trustCondition("deploy", "sub").path("test").asText());
        assertEquals(List.of("repo:" + REPO + ":environment:production"),
                strings(trustCondition("deploy", "sub").path("values")));
        assertEquals(3, statements("deploy-trust-policy").get(0).path("condition").size());
    }

    /**
     * chart-lifecycle.yml runs in the same environment, so its token has the same sub: the deploy role names its own
     * workflow file on main (StringEquals), which the lifecycle workflow's token never carries (and LifecycleAccessTest
     * shows the lifecycle role names only chart-lifecycle.yml).
     */
    @Test
    void deployRoleTrustsOnlyItsOwnWorkflowOnMainSoTheLifecycleWorkflowCannotAssumeIt() {
        JsonNode workflow = trustCondition("deploy", "job_workflow_ref");
        assertEquals("StringEquals", workflow.path("test").asText());
        assertEquals(List.of(WORKFLOWS + "deploy-infrastructure.yml@refs/heads/main"), strings(workflow.path("values")));
        assertFalse(strings(workflow.path("values")).stream().anyMatch(v -> v.contains(LifecycleAccess.WORKFLOW)));
    }

    @Test
    void trustPoliciesAllowOnlyWebIdentityFromTheGithubProviderThisStackCreates() {
        for (String role : List.of("plan", "deploy")) {
            JsonNode statement = statements(role + "-trust-policy").get(0);
            assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), strings(statement.path("actions")));
            assertEquals("Federated", statement.path("principals").get(0).path("type").asText());
            assertTrue(statement.path("principals").get(0).path("identifiers").get(0).asText()
                    .startsWith("${aws_iam_openid_connect_provider."), statement.toString());
        }
        JsonNode provider = resource("aws_iam_openid_connect_provider", "github");
        assertEquals("https://" + OIDC, provider.path("url").asText());
        assertEquals(List.of("sts.amazonaws.com"), strings(provider.path("client_id_list")));
    }

    /** Allow statements only: the Deny guard rails (s3:* without TLS, iam:* on the CI roles) may be broad. */
    private static List<JsonNode> allowStatements() {
        List<JsonNode> out = new ArrayList<>();
        for (String document : List.of("plan-permissions-policy", "deploy-permissions-policy")) {
            statements(document).stream().filter(s -> s.path("effect").asText().equals("Allow")).forEach(out::add);
        }
        return out;
    }

    @Test
    void CKV_AWS_63_CKV_AWS_62_noAllowedActionIsAWildcardOrAWholeService() {
        Pattern wholeService = Pattern.compile("\\*|[a-z0-9-]+:\\*");
        for (JsonNode statement : allowStatements()) {
            for (String action : strings(statement.path("actions"))) {
                assertFalse(wholeService.matcher(action).matches(), statement.path("sid") + " allows " + action);
            }
        }
    }

    /**
     * CKV_AWS_355 / CKV_AWS_289: the only unscoped resources are the documented exceptions for calls AWS
     * authorises solely on "*": list/search calls that enumerate the account (e.g. route53:ListHostedZones),
     * acm:RequestCertificate (no ARN before the request), limited by conditions to the repository's domain, and
     * route53:CreateHealthCheck (no ARN before the request either).
     */
    @Test
    void CKV_AWS_355_unscopedResourcesOnlyForAccountWideLookupsAndTheConditionedCertificateRequest() {
        for (JsonNode statement : allowStatements()) {
            if (strings(statement.path("resources")).contains("*")
                    && statement.path("sid").asText().equals(CiAccess.REQUEST_CERTIFICATE_SID)) {
                assertEquals(List.of("acm:RequestCertificate"), strings(statement.path("actions")));
                JsonNode domains = statement.path("condition").get(0);
                assertEquals("ForAllValues:StringEquals", domains.path("test").asText());
                assertEquals("acm:DomainNames", domains.path("variable").asText());
                assertEquals(List.of(config.certificate().domainName()), strings(domains.path("values")));
            } else if (strings(statement.path("resources")).contains("*")
                    && statement.path("sid").asText().equals(CiAccess.CREATE_HEALTH_CHECK_SID)) {
                assertEquals(List.of("route53:CreateHealthCheck"), strings(statement.path("actions")));
            } else if (strings(statement.path("resources")).contains("*")) {
                assertEquals("AccountWideLookups", statement.path("sid").asText());
                assertEquals(CiAccess.ACCOUNT_WIDE_READ_ACTIONS, strings(statement.path("actions")));
                assertTrue(CiAccess.ACCOUNT_WIDE_READ_ACTIONS.stream().allMatch(a -> a.split(":")[1].startsWith("List")));
            }
        }
    }

    @Test
    void planRoleIsReadOnlyExceptTheStateLockFile() {
        Pattern readOnly = Pattern.compile("[a-z0-9-]+:(Get|List|Describe)[A-Za-z*]*");
        for (JsonNode statement : statements("plan-permissions-policy")) {
            assertEquals("Allow", statement.path("effect").asText());
            for (String action : strings(statement.path("actions"))) {
                if (readOnly.matcher(action).matches()) {
                    continue;
                }
                assertTrue(List.of("s3:PutObject", "s3:DeleteObject").contains(action), "plan role may " + action);
                assertTrue(strings(statement.path("resources")).stream().allMatch(r -> r.endsWith("/charts/*.tflock")),
                        statement.toString());
            }
        }
    }

    @Test
    void deployRoleManagesOnlyProjectRolesAndCannotTouchTheCiIdentities() {
        for (JsonNode statement : statements("deploy-permissions-policy")) {
            boolean iam = strings(statement.path("actions")).stream().anyMatch(a -> a.startsWith("iam:"));
            if (!iam) {
                continue;
            }
            List<String> resources = strings(statement.path("resources"));
            if (statement.path("sid").asText().equals("KeepProjectRolesBounded")) {
                assertEquals("Deny", statement.path("effect").asText());
                assertTrue(resources.stream().allMatch(r -> r.matches("arn:aws:iam::" + ACCOUNT + ":role/kube9-charts-\\*")),
                        resources.toString());
            } else if (statement.path("effect").asText().equals("Deny")) {
                assertEquals("ProtectCiIdentities", statement.path("sid").asText());
                assertTrue(resources.get(0).endsWith(":role/kube9-bootstrap/*"), resources.toString());
            } else if (!statement.path("sid").asText().equals("AccountWideLookups")
                    && !statement.path("sid").asText().equals("ReadGithubOidcProvider")) {
                assertTrue(resources.stream().allMatch(r -> r.matches("arn:aws:iam::" + ACCOUNT + ":role/kube9-charts-\\*")),
                        statement.path("sid") + " " + resources);
            }
        }
        assertEquals("/kube9-bootstrap/", resource("aws_iam_role", "deploy").path("path").asText());
        assertEquals("/kube9-bootstrap/", resource("aws_iam_role", "plan").path("path").asText());
    }

    private static JsonNode deployStatement(String sid) {
        return statements("deploy-permissions-policy").stream()
                .filter(s -> s.path("sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("deploy role has no statement " + sid));
    }

    private static final String BOUNDARY_ARN =
            "arn:aws:iam::\\$\\{[^}]+}:policy/kube9-bootstrap/kube9-charts-permissions-boundary";

    @Test
    void deployRoleCanOnlyCreateRolesWithTheBoundary() {
        JsonNode bounded = deployStatement(CiAccess.BOUNDED_ROLE_WRITES_SID);
        assertEquals("Allow", bounded.path("effect").asText());
        assertEquals(CiAccess.BOUNDED_ROLE_WRITES, strings(bounded.path("actions")));
        JsonNode condition = bounded.path("condition").get(0);
        assertEquals("StringEquals", condition.path("test").asText());
        assertEquals("iam:PermissionsBoundary", condition.path("variable").asText());
        assertTrue(strings(condition.path("values")).stream().allMatch(v -> v.matches(BOUNDARY_ARN)), condition.toString());
        assertEquals(1, bounded.path("condition").size());
        for (JsonNode statement : statements("deploy-permissions-policy")) {
            if (statement.path("effect").asText().equals("Allow") && !statement.equals(bounded)) {
                for (String action : CiAccess.BOUNDED_ROLE_WRITES) {
                    assertFalse(strings(statement.path("actions")).contains(action),
                            statement.path("sid") + " allows " + action + " without the boundary");
                }
            }
        }
    }

    @Test
    void deployRoleCannotRemoveTheBoundaryNorChangeIt() {
        JsonNode keep = deployStatement("KeepProjectRolesBounded");
        assertEquals(List.of("iam:DeleteRolePermissionsBoundary"), strings(keep.path("actions")));
        JsonNode protect = deployStatement("ProtectCiIdentities");
        assertEquals("Deny", protect.path("effect").asText());
        assertEquals(List.of("iam:*"), strings(protect.path("actions")));
        assertTrue(strings(protect.path("resources")).stream().anyMatch(r -> r.matches(BOUNDARY_ARN)),
                protect.toString());
    }

    @Test
    void boundaryGrantsNoIamAndNothingUnscopedButTheEcrPublicLogin() {
        JsonNode policy = resource("aws_iam_policy", "permissions-boundary");
        assertEquals("kube9-charts-permissions-boundary", policy.path("name").asText());
        assertEquals("/kube9-bootstrap/", policy.path("path").asText());
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : statements("permissions-boundary")) {
            assertEquals("Allow", statement.path("effect").asText());
            actions.addAll(strings(statement.path("actions")));
            // The documented exception: ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken exist only on "*".
            boolean login = statement.path("sid").asText().equals(EcrPublicChartRepositories.LOGIN_SID);
            assertEquals(login, strings(statement.path("resources")).contains("*"), statement.toString());
            assertTrue(strings(statement.path("resources")).stream().noneMatch(r -> r.contains("::*:")),
                    "no other account's resources: " + statement);
        }
        List<String> expected = new ArrayList<>(List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket",
                "s3:GetReplicationConfiguration"));
        expected.addAll(BucketReplication.SOURCE_OBJECT_ACTIONS);
        expected.addAll(BucketReplication.REPLICA_OBJECT_ACTIONS);
        expected.addAll(List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"));
        expected.addAll(EcrPublicChartRepositories.PUSH_ACTIONS);
        expected.addAll(EcrPublicChartRepositories.LOGIN_ACTIONS);
        expected.addAll(StatisticsAccess.QUERY_ACTIONS);
        expected.addAll(StatisticsAccess.CATALOG_ACTIONS);
        expected.addAll(List.of("s3:GetBucketLocation", "s3:ListBucketMultipartUploads", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"));
        assertEquals(expected, actions);
        List<String> statistics = List.of("StatisticsQueries", "StatisticsCatalog", "StatisticsQueryBuckets", "StatisticsQueryUploads");
        List<String> withoutOci = new ArrayList<>(List.of("ChartObjects", "ChartBuckets", "ReplicationConfiguration",
                "ReplicateChartObjects", "CdnInvalidations"));
        withoutOci.addAll(statistics);
        assertEquals(withoutOci, sids(ociOff, "permissions-boundary"), "no ECR Public in the boundary when no stack pushes there");
        assertTrue(sids(statisticsOff, "permissions-boundary").stream().noneMatch(statistics::contains),
                "no Athena or Glue in the boundary without statistics");
    }

    private static final String ACCOUNT = "\\$\\{[^}]+}";

    /** The statistics role's queries stay inside the project's workgroups, Glue databases and buckets. */
    @Test
    void boundaryLetsRolesQueryOnlyTheProjectsWorkgroupsCatalogAndBuckets() {
        Map<String, List<String>> resources = new TreeMap<>();
        statements("permissions-boundary").forEach(s -> resources.put(s.path("sid").asText(), strings(s.path("resources"))));
        assertTrue(resources.get("StatisticsQueries").stream()
                .allMatch(r -> r.matches("arn:aws:athena:\\*:" + ACCOUNT + ":workgroup/kube9-charts-\\*")), resources.toString());
        assertEquals(3, resources.get("StatisticsCatalog").size());
        assertTrue(resources.get("StatisticsCatalog").stream().allMatch(r -> r.matches("arn:aws:glue:\\*:" + ACCOUNT
                + ":(catalog|database/kube9_charts_\\*|table/kube9_charts_\\*/\\*)")), resources.toString());
        assertEquals(List.of("arn:aws:s3:::kube9-charts-*"), resources.get("StatisticsQueryBuckets"));
        assertEquals(List.of("arn:aws:s3:::kube9-charts-*/*"), resources.get("StatisticsQueryUploads"));
    }

    @Test
    void planReadsAndDeployManagesOnlyTheProjectsLogDeliveriesCatalogAndWorkgroups() {
        String logs = "arn:aws:logs:us-east-1:" + ACCOUNT + ":(delivery-source:kube9-charts-\\*|delivery-destination:kube9-charts-\\*|delivery:\\*)";
        JsonNode manage = deployStatement("ManageStatisticsLogDelivery");
        assertTrue(strings(manage.path("actions")).containsAll(List.of("logs:PutDeliverySource", "logs:PutDeliveryDestination",
                "logs:CreateDelivery", "logs:DeleteDelivery")), manage.toString());
        assertTrue(strings(manage.path("resources")).stream().allMatch(r -> r.matches(logs)), manage.toString());
        JsonNode consent = deployStatement("AllowDistributionLogDelivery");
        assertEquals(List.of("cloudfront:AllowVendedLogDeliveryForResource"), strings(consent.path("actions")));
        assertTrue(strings(consent.path("resources")).stream().allMatch(r -> r.matches("arn:aws:cloudfront::" + ACCOUNT + ":\\*")));
        assertTrue(strings(deployStatement("ManageStatisticsCatalog").path("resources")).stream()
                .allMatch(r -> r.startsWith("arn:aws:glue:*:")), "Glue scoped to the account's catalog");
        assertTrue(strings(deployStatement("ManageStatisticsWorkgroups").path("resources")).stream()
                .allMatch(r -> r.matches("arn:aws:athena:\\*:" + ACCOUNT + ":workgroup/kube9-charts-\\*")));
        List<String> planSids = sids(stack, "plan-permissions-policy");
        assertTrue(planSids.containsAll(List.of("ReadStatisticsLogDelivery", "ReadStatisticsCatalog", "ReadStatisticsWorkgroups")));
        for (JsonNode statement : statements("plan-permissions-policy")) {
            strings(statement.path("actions")).forEach(action -> assertFalse(action.matches(
                    "logs:(Put|Create|Delete|Update).*|glue:(Create|Update|Delete).*|athena:(Create|Update|Delete).*"), action));
        }
        for (String document : List.of("plan-permissions-policy", "deploy-permissions-policy", "permissions-boundary")) {
            assertTrue(sids(statisticsOff, document).stream().noneMatch(sid -> sid.contains("Statistics")
                    || sid.equals("AllowDistributionLogDelivery")), document);
        }
    }

    /** The boundary lets a role replicate only between project buckets (the chart bucket and its replica). */
    @Test
    void boundaryLetsRolesReplicateOnlyBetweenProjectBuckets() {
        for (String sid : List.of("ReplicationConfiguration", "ReplicateChartObjects")) {
            JsonNode statement = statements("permissions-boundary").stream()
                    .filter(s -> s.path("sid").asText().equals(sid)).findFirst().orElseThrow();
            assertTrue(strings(statement.path("resources")).stream().allMatch(r -> r.startsWith("arn:aws:s3:::kube9-charts-*")),
                    statement.toString());
        }
    }

    /** Alarms, their topic and the probe: only ones named with the project prefix (health checks have no name). */
    @Test
    void deployRoleManagesOnlyTheProjectsAlarmsTopicsAndProbes() {
        assertTrue(strings(deployStatement("ManageAlarms").path("resources")).stream()
                .allMatch(r -> r.matches("arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:kube9-charts-\\*")));
        assertTrue(strings(deployStatement("ManageAlertTopics").path("resources")).stream()
                .allMatch(r -> r.matches("arn:aws:sns:us-east-1:" + ACCOUNT + ":kube9-charts-\\*")));
        assertEquals(List.of("arn:aws:route53:::healthcheck/*"), strings(deployStatement("ManageHealthChecks").path("resources")));
        assertEquals(List.of("sns:GetTopicAttributes", "sns:ListTagsForResource", "sns:GetSubscriptionAttributes",
                "sns:ListSubscriptionsByTopic"), strings(statements("plan-permissions-policy").stream()
                .filter(s -> s.path("sid").asText().equals("ReadAlertTopics")).findFirst().orElseThrow().path("actions")));
    }

    /** PutBucketReplication passes the replication role: only project roles, and only to S3. */
    @Test
    void deployRolePassesProjectRolesOnlyToS3Replication() {
        JsonNode pass = deployStatement("PassProjectRolesToS3Replication");
        assertEquals(List.of("iam:PassRole"), strings(pass.path("actions")));
        assertTrue(strings(pass.path("resources")).stream().allMatch(r -> r.matches("arn:aws:iam::" + ACCOUNT + ":role/kube9-charts-\\*")));
        JsonNode condition = pass.path("condition").get(0);
        assertEquals(List.of("StringEquals", "iam:PassedToService", "s3.amazonaws.com"), List.of(condition.path("test").asText(),
                condition.path("variable").asText(), strings(condition.path("values")).get(0)));
        assertTrue(strings(deployStatement("ManageProjectBuckets").path("actions")).contains("s3:PutReplicationConfiguration"));
    }

    @Test
    void boundaryLetsRolesPushOnlyToChartRepositories() {
        JsonNode push = statements("permissions-boundary").stream()
                .filter(s -> s.path("sid").asText().equals("ChartOciPushes")).findFirst().orElseThrow();
        assertTrue(strings(push.path("resources")).stream().allMatch(r -> r.matches(ECR_CHART_REPOSITORIES)), push.toString());
    }

    private static final String ECR_CHART_REPOSITORIES = "arn:aws:ecr-public::\\$\\{[^}]+}:repository/charts/\\*";

    @Test
    void planReadsAndDeployManagesOnlyTheChartOciRepositories() {
        JsonNode read = statements("plan-permissions-policy").stream()
                .filter(s -> s.path("sid").asText().equals("ReadChartOciRepositories")).findFirst().orElseThrow();
        assertEquals(List.of("ecr-public:DescribeRepositories", "ecr-public:GetRepositoryCatalogData",
                "ecr-public:ListTagsForResource"), strings(read.path("actions")));
        assertTrue(strings(read.path("resources")).stream().allMatch(r -> r.matches(ECR_CHART_REPOSITORIES)), read.toString());
        JsonNode manage = deployStatement("ManageChartOciRepositories");
        assertEquals(List.of("ecr-public:CreateRepository", "ecr-public:DeleteRepository", "ecr-public:PutRepositoryCatalogData",
                "ecr-public:TagResource", "ecr-public:UntagResource"), strings(manage.path("actions")));
        assertTrue(strings(manage.path("resources")).stream().allMatch(r -> r.matches(ECR_CHART_REPOSITORIES)), manage.toString());
        assertTrue(deployStatement("ReadChartOciRepositories").path("effect").asText().equals("Allow"));
        assertFalse(sids(ociOff, "plan-permissions-policy").contains("ReadChartOciRepositories"));
        assertFalse(sids(ociOff, "deploy-permissions-policy").contains("ManageChartOciRepositories"));
    }

    @Test
    void ciRolesUseOnlyTheChartStateFolderAndDeployMayNotReconfigureTheStateBucket() {
        List<String> stateObjectResources = new ArrayList<>();
        for (String document : List.of("plan-permissions-policy", "deploy-permissions-policy")) {
            for (JsonNode statement : statements(document)) {
                strings(statement.path("resources")).stream()
                        .filter(r -> r.startsWith("${aws_s3_bucket.") && r.contains("/"))
                        .forEach(stateObjectResources::add);
            }
        }
        assertFalse(stateObjectResources.isEmpty());
        assertTrue(stateObjectResources.stream().allMatch(r -> r.matches("\\$\\{aws_s3_bucket\\.[^}]+\\.arn}/charts/\\*(\\.tflock)?")),
                stateObjectResources.toString());
        JsonNode protect = statements("deploy-permissions-policy").stream()
                .filter(s -> s.path("sid").asText().equals("ProtectStateBucket")).findFirst().orElseThrow();
        assertEquals("Deny", protect.path("effect").asText());
    }

    @Test
    void CKV_AWS_19_stateBucketIsEncrypted() {
        assertEquals("AES256", resource("aws_s3_bucket_server_side_encryption_configuration", "state")
                .path("rule").get(0).path("apply_server_side_encryption_by_default").path("sse_algorithm").asText());
    }

    @Test
    void CKV_AWS_21_stateBucketIsVersionedAndCKV2_AWS_61_expiresNoncurrentVersions() {
        assertEquals("Enabled", resource("aws_s3_bucket_versioning", "state").path("versioning_configuration")
                .path("status").asText());
        JsonNode rule = resource("aws_s3_bucket_lifecycle_configuration", "state").path("rule").get(0);
        assertEquals(BootstrapStack.STATE_NONCURRENT_VERSION_DAYS,
                rule.path("noncurrent_version_expiration").path("noncurrent_days").asInt());
        assertEquals(7, rule.path("abort_incomplete_multipart_upload").path("days_after_initiation").asInt());
    }

    @Test
    void CKV_AWS_53_to_56_stateBucketBlocksAllPublicAccessAndCKV2_AWS_65_disablesAcls() {
        JsonNode block = resource("aws_s3_bucket_public_access_block", "state");
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertTrue(block.path(flag).asBoolean(), flag);
        }
        assertEquals("BucketOwnerEnforced", resource("aws_s3_bucket_ownership_controls", "state")
                .path("rule").path("object_ownership").asText());
    }

    @Test
    void FSBP_S3_5_stateBucketRefusesRequestsWithoutTls() {
        JsonNode statement = statements("state-bucket").get(0);
        assertEquals("Deny", statement.path("effect").asText());
        assertEquals("aws:SecureTransport", statement.path("condition").get(0).path("variable").asText());
        assertEquals(List.of("false"), strings(statement.path("condition").get(0).path("values")));
    }

    @Test
    void stateBucketSurvivesTerraformDestroy() {
        assertTrue(resource("aws_s3_bucket", "state").path("lifecycle").path("prevent_destroy").asBoolean());
    }

    @Test
    void ownStateGoesToTheBucketItCreatesWithS3NativeLocking() {
        JsonNode backend = stack.path("terraform").path("backend").path("s3");
        assertEquals(config.stateBackend().bucket(), backend.path("bucket").asText());
        assertEquals("bootstrap/terraform.tfstate", backend.path("key").asText());
        assertTrue(backend.path("use_lockfile").asBoolean());
        assertTrue(backend.path("encrypt").asBoolean());
    }

    @Test
    void outputsNameTheRoleArnsForTheRepositoryVariables() {
        for (String output : List.of("plan_role_arn", "deploy_role_arn", "state_bucket", "github_oidc_provider_arn")) {
            assertTrue(stack.path("output").has(output), output);
        }
    }
}
