package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.assumeWithGithubOidc;
import static io.kube9.charts.infra.constructs.PolicyStatements.claim;
import static io.kube9.charts.infra.constructs.PolicyStatements.condition;
import static io.kube9.charts.infra.constructs.PolicyStatements.deny;

import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * The two identities CI uses for infrastructure, both assumable only with a GitHub OIDC token of the
 * configured repository ({@code aud}, {@code sub} and the workflow file, {@code job_workflow_ref}, pinned):
 * <ul>
 *   <li>plan: pull requests and scheduled drift runs on main, in ci.yml and drift-detection.yml. Reads this
 *       project's resources and its state, and may only write the state lock file.</li>
 *   <li>deploy: jobs in the deploy environment (reviewers, branch rules) of deploy-infrastructure.yml on main.
 *       Manages this project's buckets, CDN, certificate, DNS records, chart OCI repositories and {@code <prefix>*}
 *       roles, and writes state. Pinning the workflow keeps the lifecycle workflow, which runs in the same
 *       environment (so with the same {@code sub}), from assuming it.</li>
 * </ul>
 * The CI roles themselves live under {@link #ROLE_PATH}, outside what the deploy role may touch, so a
 * deploy cannot widen its own permissions.
 */
public final class CiAccess extends Construct {
    public static final String ROLE_PATH = "/kube9-bootstrap/";
    /** This project's workflow files whose jobs assume the plan role (a pull request runs its own ci.yml, on its ref). */
    public static final String PLAN_WORKFLOW = ".github/workflows/ci.yml";
    public static final String DRIFT_WORKFLOW = ".github/workflows/drift-detection.yml";
    public static final String DEPLOY_WORKFLOW = ".github/workflows/deploy-infrastructure.yml";
    /** The deploy role's role writes allowed only with the permissions boundary on the request. */
    public static final String BOUNDED_ROLE_WRITES_SID = "ManageProjectRolesWithinBoundary";
    /** The role writes for which AWS evaluates {@code iam:PermissionsBoundary} (Service Authorization Reference). */
    public static final List<String> BOUNDED_ROLE_WRITES = List.of("iam:CreateRole", "iam:PutRolePolicy",
            "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary");
    /** The statement allowing route53:CreateHealthCheck (the index.yaml probe), which AWS authorises only on "*". */
    public static final String CREATE_HEALTH_CHECK_SID = "CreateRepositoryProbe";
    /** Where CloudFront and Route 53 publish metrics, so where the chart stacks' alarms and their topic live. */
    static final String MONITORING_REGION = "us-east-1";
    /** The statement allowing acm:RequestCertificate, which AWS authorises only on "*" (limited by conditions). */
    public static final String REQUEST_CERTIFICATE_SID = "RequestRepositoryCertificate";
    /**
     * Read-only lookups AWS authorises only on {@code Resource: "*"} (they list or search account-wide);
     * with {@link #REQUEST_CERTIFICATE_SID} the only places either role has an unscoped resource.
     */
    public static final List<String> ACCOUNT_WIDE_READ_ACTIONS = List.of(
            "route53:ListHostedZones", "route53:ListHostedZonesByName", "iam:ListOpenIDConnectProviders",
            "acm:ListCertificates", "cloudfront:ListDistributions", "cloudfront:ListCachePolicies",
            "cloudfront:ListOriginAccessControls", "cloudfront:ListResponseHeadersPolicies");

    /**
     * @param deploySubject the OIDC {@code sub} of jobs in the deploy environment, e.g. {@code repo:o/r:environment:production}
     * @param planWorkflowRefs the {@code job_workflow_ref} values (StringLike) the plan role accepts
     * @param deployWorkflowRef the {@code job_workflow_ref} of {@link #DEPLOY_WORKFLOW} on main
     * @param stateKeyPrefix the state keys CI may use, e.g. {@code charts/}; the bootstrap's own state is outside it
     * @param namePrefix the name prefix of every bucket and role of the chart stacks, e.g. {@code kube9-charts-}
     * @param recordNames DNS names the deploy role may change records of ({@code _*} names cover ACM validation)
     * @param certificateDomain the only domain name the deploy role may request a certificate for
     * @param ecrPublicCharts whether the chart stacks manage ECR Public chart repositories
     * @param statistics whether the chart stacks have download statistics (log delivery, Glue table, Athena workgroup)
     */
    public record Props(String oidcProviderArn, String repository, String deploySubject, List<String> planWorkflowRefs,
                        String deployWorkflowRef, String stateBucketArn, String stateKeyPrefix, String namePrefix,
                        String certificateRegion, String hostedZoneId, List<String> recordNames, String certificateDomain,
                        boolean ecrPublicCharts, boolean statistics) {}

    private final IamRole planRole;
    private final IamRole deployRole;

    public CiAccess(Construct scope, String id, Props props) {
        super(scope, id);
        String account = DataAwsCallerIdentity.Builder.create(this, "account").build().getAccountId();
        Arns arns = new Arns(account, props);
        planRole = role("plan", props, props.namePrefix() + "ci-plan",
                "Terraform plan and drift detection for " + props.repository() + " (read-only, state lock)",
                List.of(claim("StringEquals", "sub", List.of(subject(props, "pull_request"), subject(props, "ref:refs/heads/main"))),
                        claim("StringLike", "job_workflow_ref", props.planWorkflowRefs())),
                readStatements(arns));
        List<DataAwsIamPolicyDocumentStatement> deploy = new ArrayList<>(readStatements(arns));
        deploy.addAll(deployStatements(arns, props));
        deployRole = role("deploy", props, props.namePrefix() + "ci-deploy",
                "Terraform apply for jobs with OIDC subject " + props.deploySubject(),
                List.of(claim("StringEquals", "sub", List.of(props.deploySubject())),
                        claim("StringEquals", "job_workflow_ref", List.of(props.deployWorkflowRef()))),
                deploy);
    }

    public String planRoleArn() {
        return planRole.getArn();
    }

    public String deployRoleArn() {
        return deployRole.getArn();
    }

    /** ARNs of what this project owns, scoped to the account and the project prefix. */
    private record Arns(String account, Props props) {
        String projectBuckets() {
            return "arn:aws:s3:::" + props.namePrefix() + "*";
        }

        String stateObjects() {
            return props.stateBucketArn() + "/" + props.stateKeyPrefix() + "*";
        }

        String stateLockFiles() {
            return stateObjects() + ".tflock";
        }

        String cloudFront() {
            return "arn:aws:cloudfront::" + account + ":*";
        }

        String certificates() {
            return "arn:aws:acm:" + props.certificateRegion() + ":" + account + ":certificate/*";
        }

        String hostedZone() {
            return "arn:aws:route53:::hostedzone/" + props.hostedZoneId();
        }

        String projectRoles() {
            return "arn:aws:iam::" + account + ":role/" + props.namePrefix() + "*";
        }

        String boundary() {
            return PermissionsBoundary.arn(account);
        }

        String bootstrapRoles() {
            return "arn:aws:iam::" + account + ":role" + ROLE_PATH + "*";
        }

        String chartOciRepositories() {
            return EcrPublicChartRepositories.arnPattern(account);
        }

        /** CloudFront's log deliveries (us-east-1): the project's sources and destinations; deliveries have generated IDs. */
        List<String> logDeliveries() {
            String logs = "arn:aws:logs:us-east-1:" + account + ":";
            return List.of(logs + "delivery-source:" + props.namePrefix() + "*",
                    logs + "delivery-destination:" + props.namePrefix() + "*", logs + "delivery:*");
        }

        List<String> statisticsCatalog() {
            return StatisticsAccess.projectCatalogArns(account, props.namePrefix());
        }

        String statisticsWorkgroups() {
            return StatisticsAccess.projectWorkgroupArns(account, props.namePrefix());
        }

        String alarms() {
            return "arn:aws:cloudwatch:" + MONITORING_REGION + ":" + account + ":alarm:" + props.namePrefix() + "*";
        }

        String alertTopics() {
            return "arn:aws:sns:" + MONITORING_REGION + ":" + account + ":" + props.namePrefix() + "*";
        }

        String healthChecks() {
            return "arn:aws:route53:::healthcheck/*";
        }
    }

    private static String subject(Props props, String suffix) {
        return "repo:" + props.repository() + ":" + suffix;
    }

    private static List<DataAwsIamPolicyDocumentStatement> readStatements(Arns arns) {
        List<DataAwsIamPolicyDocumentStatement> statements = new ArrayList<>(List.of(
                allow("ListStateBucket", List.of("s3:ListBucket"), List.of(arns.props().stateBucketArn())),
                allow("ReadState", List.of("s3:GetObject"), List.of(arns.stateObjects())),
                allow("WriteStateLockFile", List.of("s3:PutObject", "s3:DeleteObject"), List.of(arns.stateLockFiles())),
                allow("ReadProjectBuckets", List.of("s3:ListBucket", "s3:GetBucket*", "s3:GetLifecycleConfiguration",
                        "s3:GetEncryptionConfiguration", "s3:GetReplicationConfiguration", "s3:GetAccelerateConfiguration"),
                        List.of(arns.projectBuckets())),
                allow("ReadCdn", List.of("cloudfront:Get*", "cloudfront:DescribeFunction", "cloudfront:ListTagsForResource"),
                        List.of(arns.cloudFront())),
                allow("ReadCertificates", List.of("acm:DescribeCertificate", "acm:ListTagsForCertificate"),
                        List.of(arns.certificates())),
                allow("ReadHostedZone", List.of("route53:GetHostedZone", "route53:ListResourceRecordSets",
                        "route53:ListTagsForResource"), List.of(arns.hostedZone())),
                allow("ReadDnsChanges", List.of("route53:GetChange"), List.of("arn:aws:route53:::change/*")),
                allow("ReadProjectRoles", List.of("iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies",
                        "iam:ListAttachedRolePolicies", "iam:ListRoleTags"), List.of(arns.projectRoles())),
                allow("ReadGithubOidcProvider", List.of("iam:GetOpenIDConnectProvider"),
                        List.of(arns.props().oidcProviderArn())),
                allow("AccountWideLookups", ACCOUNT_WIDE_READ_ACTIONS, List.of("*"))));
        statements.add(allow("ReadAlarms", List.of("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"),
                List.of(arns.alarms())));
        statements.add(allow("ReadAlertTopics", List.of("sns:GetTopicAttributes", "sns:ListTagsForResource",
                "sns:GetSubscriptionAttributes", "sns:ListSubscriptionsByTopic"), List.of(arns.alertTopics())));
        statements.add(allow("ReadHealthChecks", List.of("route53:GetHealthCheck", "route53:ListTagsForResource"),
                List.of(arns.healthChecks())));
        if (arns.props().ecrPublicCharts()) {
            statements.add(allow("ReadChartOciRepositories", List.of("ecr-public:DescribeRepositories",
                    "ecr-public:GetRepositoryCatalogData", "ecr-public:ListTagsForResource"), List.of(arns.chartOciRepositories())));
        }
        if (arns.props().statistics()) {
            statements.add(allow("ReadStatisticsLogDelivery", List.of("logs:GetDeliverySource", "logs:GetDeliveryDestination",
                    "logs:GetDelivery", "logs:ListTagsForResource"), arns.logDeliveries()));
            statements.add(allow("ReadStatisticsCatalog", List.of("glue:GetDatabase", "glue:GetTable", "glue:GetTags"),
                    arns.statisticsCatalog()));
            statements.add(allow("ReadStatisticsWorkgroups", List.of("athena:GetWorkGroup", "athena:ListTagsForResource"),
                    List.of(arns.statisticsWorkgroups())));
        }
        return statements;
    }

    private static List<DataAwsIamPolicyDocumentStatement> deployStatements(Arns arns, Props props) {
        List<DataAwsIamPolicyDocumentStatement> statements = new ArrayList<>(List.of(
                allow("WriteState", List.of("s3:PutObject"), List.of(arns.stateObjects())),
                allow("ManageProjectBuckets", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucket*",
                        "s3:DeleteBucketPolicy", "s3:DeleteBucketOwnershipControls", "s3:PutLifecycleConfiguration",
                        "s3:PutEncryptionConfiguration", "s3:PutReplicationConfiguration"), List.of(arns.projectBuckets())),
                allow("ManageCdn", List.of("cloudfront:CreateDistribution", "cloudfront:UpdateDistribution",
                        "cloudfront:DeleteDistribution", "cloudfront:TagResource", "cloudfront:UntagResource",
                        "cloudfront:CreateOriginAccessControl", "cloudfront:UpdateOriginAccessControl",
                        "cloudfront:DeleteOriginAccessControl", "cloudfront:CreateCachePolicy",
                        "cloudfront:UpdateCachePolicy", "cloudfront:DeleteCachePolicy",
                        "cloudfront:CreateResponseHeadersPolicy", "cloudfront:UpdateResponseHeadersPolicy",
                        "cloudfront:DeleteResponseHeadersPolicy", "cloudfront:CreateFunction",
                        "cloudfront:UpdateFunction", "cloudfront:PublishFunction", "cloudfront:DeleteFunction",
                        "cloudfront:CreateMonitoringSubscription", "cloudfront:DeleteMonitoringSubscription"),
                        List.of(arns.cloudFront())),
                allow("ManageCertificates", List.of("acm:DeleteCertificate", "acm:AddTagsToCertificate",
                        "acm:RemoveTagsFromCertificate"), List.of(arns.certificates())),
                // RequestCertificate has no resource type (the ARN does not exist yet): scoped by its request instead.
                DataAwsIamPolicyDocumentStatement.builder()
                        .sid(REQUEST_CERTIFICATE_SID)
                        .effect("Allow")
                        .actions(List.of("acm:RequestCertificate"))
                        .resources(List.of("*"))
                        .condition(List.of(
                                condition("ForAllValues:StringEquals", "acm:DomainNames", List.of(props.certificateDomain())),
                                condition("StringEquals", "acm:ValidationMethod", List.of("DNS"))))
                        .build(),
                DataAwsIamPolicyDocumentStatement.builder()
                        .sid("ManageRepositoryRecords")
                        .effect("Allow")
                        .actions(List.of("route53:ChangeResourceRecordSets"))
                        .resources(List.of(arns.hostedZone()))
                        .condition(List.of(condition("ForAllValues:StringLike",
                                "route53:ChangeResourceRecordSetsNormalizedRecordNames", props.recordNames())))
                        .build(),
                // Only the actions AWS evaluates iam:PermissionsBoundary for can be conditioned on it; the others
                // cannot raise a role above its boundary, which DeleteRolePermissionsBoundary being denied keeps on.
                allow("ManageProjectRoles", List.of("iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription",
                        "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:ListInstanceProfilesForRole"),
                        List.of(arns.projectRoles())),
                DataAwsIamPolicyDocumentStatement.builder()
                        .sid(BOUNDED_ROLE_WRITES_SID)
                        .effect("Allow")
                        .actions(BOUNDED_ROLE_WRITES)
                        .resources(List.of(arns.projectRoles()))
                        .condition(List.of(condition("StringEquals", "iam:PermissionsBoundary", arns.boundary())))
                        .build(),
                deny("KeepProjectRolesBounded", List.of("iam:DeleteRolePermissionsBoundary"),
                        List.of(arns.projectRoles())),
                deny("ProtectStateBucket", List.of("s3:DeleteBucket", "s3:PutBucket*", "s3:DeleteBucketPolicy",
                        "s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration"),
                        List.of(props.stateBucketArn())),
                deny("ProtectCiIdentities", List.of("iam:*"),
                        List.of(arns.bootstrapRoles(), props.oidcProviderArn(), arns.boundary()))));
        statements.addAll(alertingStatements(arns));
        if (props.ecrPublicCharts()) {
            // CreateRepository with tags is also authorised as TagResource.
            statements.add(allow("ManageChartOciRepositories", List.of("ecr-public:CreateRepository",
                    "ecr-public:DeleteRepository", "ecr-public:PutRepositoryCatalogData", "ecr-public:TagResource",
                    "ecr-public:UntagResource"), List.of(arns.chartOciRepositories())));
        }
        if (props.statistics()) {
            statements.add(allow("ManageStatisticsLogDelivery", List.of("logs:PutDeliverySource", "logs:PutDeliveryDestination",
                    "logs:CreateDelivery", "logs:UpdateDeliveryConfiguration", "logs:DeleteDelivery", "logs:DeleteDeliverySource",
                    "logs:DeleteDeliveryDestination", "logs:TagResource", "logs:UntagResource"), arns.logDeliveries()));
            // CloudFront's own consent to deliver a distribution's logs (CloudWatch Logs, service-specific permissions).
            statements.add(allow("AllowDistributionLogDelivery", List.of("cloudfront:AllowVendedLogDeliveryForResource"),
                    List.of(arns.cloudFront())));
            statements.add(allow("ManageStatisticsCatalog", List.of("glue:CreateDatabase", "glue:UpdateDatabase",
                    "glue:DeleteDatabase", "glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable", "glue:TagResource",
                    "glue:UntagResource"), arns.statisticsCatalog()));
            statements.add(allow("ManageStatisticsWorkgroups", List.of("athena:CreateWorkGroup", "athena:UpdateWorkGroup",
                    "athena:DeleteWorkGroup", "athena:TagResource", "athena:UntagResource"), List.of(arns.statisticsWorkgroups())));
        }
        return statements;
    }

    /**
     * The alarms, their topic, the index.yaml probe, and handing the replication role to S3 (PutBucketReplication
     * passes it): the role, like every project role, is bounded, so passing it hands over no more than the boundary.
     */
    private static List<DataAwsIamPolicyDocumentStatement> alertingStatements(Arns arns) {
        return List.of(
                allow("ManageAlarms", List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource",
                        "cloudwatch:UntagResource"), List.of(arns.alarms())),
                allow("ManageAlertTopics", List.of("sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:Subscribe",
                        "sns:Unsubscribe", "sns:TagResource", "sns:UntagResource"), List.of(arns.alertTopics())),
                allow("ManageHealthChecks", List.of("route53:UpdateHealthCheck", "route53:DeleteHealthCheck",
                        "route53:ChangeTagsForResource"), List.of(arns.healthChecks())),
                allow(CREATE_HEALTH_CHECK_SID, List.of("route53:CreateHealthCheck"), List.of("*")),
                DataAwsIamPolicyDocumentStatement.builder()
                        .sid("PassProjectRolesToS3Replication")
                        .effect("Allow")
                        .actions(List.of("iam:PassRole"))
                        .resources(List.of(arns.projectRoles()))
                        .condition(List.of(condition("StringEquals", "iam:PassedToService", "s3.amazonaws.com")))
                        .build());
    }

    private IamRole role(String id, Props props, String name, String description,
                         List<DataAwsIamPolicyDocumentStatementCondition> claims,
                         List<DataAwsIamPolicyDocumentStatement> permissions) {
        DataAwsIamPolicyDocument trust = DataAwsIamPolicyDocument.Builder.create(this, id + "-trust-policy")
                .statement(List.of(assumeWithGithubOidc("GithubOidc", props.oidcProviderArn(), claims)))
                .build();
        IamRole role = IamRole.Builder.create(this, id + "-role")
                .name(name)
                .path(ROLE_PATH)
                .description(description)
                .assumeRolePolicy(trust.getJson())
                .maxSessionDuration(3600)
                .build();
        DataAwsIamPolicyDocument policy = DataAwsIamPolicyDocument.Builder.create(this, id + "-permissions-policy")
                .statement(permissions)
                .build();
        IamRolePolicy.Builder.create(this, id + "-permissions")
                .name(id)
                .role(role.getId())
                .policy(policy.getJson())
                .build();
        return role;
    }
}
