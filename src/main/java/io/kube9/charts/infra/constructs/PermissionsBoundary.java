package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;

import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.iam_policy.IamPolicy;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * The permissions boundary every role of the chart stacks must carry: the most any project role can ever do
 * (the union of what the publisher, lifecycle, monitor, replication and stats roles need: chart object reads/writes, S3
 * replication between chart buckets, CDN invalidations, with ECR Public pushes to the chart repositories, and with
 * statistics queries of the project's Athena workgroups and Glue tables), and nothing of IAM.
 * The CI deploy role may only create or change {@code kube9-charts-*} roles that carry it, so a role it creates
 * can never hold more than this, whatever policy it is given.
 */
public final class PermissionsBoundary extends Construct {
    public static final String NAME = "kube9-charts-permissions-boundary";
    /** The bootstrap's IAM path ({@link CiAccess#ROLE_PATH}), which the deploy role may not touch. */
    public static final String PATH = CiAccess.ROLE_PATH;

    /**
     * @param namePrefix the name prefix of every bucket of the chart stacks, e.g. {@code kube9-charts-}
     * @param ecrPublicCharts whether charts are also pushed to ECR Public ({@link EcrPublicChartRepositories})
     * @param statistics whether the chart stacks have download statistics ({@link StatisticsAccess} queries them)
     */
    public record Props(String namePrefix, boolean ecrPublicCharts, boolean statistics) {}

    public PermissionsBoundary(Construct scope, String id, Props props) {
        super(scope, id);
        String buckets = "arn:aws:s3:::" + props.namePrefix() + "*";
        String account = DataAwsCallerIdentity.Builder.create(this, "account").build().getAccountId();
        List<DataAwsIamPolicyDocumentStatement> statements = new ArrayList<>(List.of(
                allow("ChartObjects", List.of("s3:GetObject", "s3:PutObject"), List.of(buckets + "/*")),
                allow("ChartBuckets", List.of("s3:ListBucket"), List.of(buckets)),
                allow("ReplicationConfiguration", List.of("s3:GetReplicationConfiguration"), List.of(buckets)),
                allow("ReplicateChartObjects", replicationObjectActions(), List.of(buckets + "/*")),
                allow("CdnInvalidations", List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"),
                        List.of("arn:aws:cloudfront::" + account + ":distribution/*"))));
        if (props.ecrPublicCharts()) {
            statements.add(allow("ChartOciPushes", EcrPublicChartRepositories.PUSH_ACTIONS,
                    List.of(EcrPublicChartRepositories.arnPattern(account))));
            statements.add(allow(EcrPublicChartRepositories.LOGIN_SID, EcrPublicChartRepositories.LOGIN_ACTIONS, List.of("*")));
        }
        if (props.statistics()) {
            statements.addAll(statisticsStatements(account, props.namePrefix()));
        }
        DataAwsIamPolicyDocument document = DataAwsIamPolicyDocument.Builder.create(this, "policy-document")
                .statement(statements)
                .build();
        IamPolicy.Builder.create(this, "policy")
                .name(NAME)
                .path(PATH)
                .description("Permissions boundary: the most any kube9-charts-* role may do (no IAM)")
                .policy(document.getJson())
                .build();
    }

    /**
     * What Athena needs of the querying role besides object reads and writes: the project's workgroups, its Glue
     * databases and tables (named like the stacks, with '_'), and the bucket-level calls of reading and writing results.
     */
    private static List<DataAwsIamPolicyDocumentStatement> statisticsStatements(String account, String namePrefix) {
        String buckets = "arn:aws:s3:::" + namePrefix + "*";
        return List.of(
                allow("StatisticsQueries", StatisticsAccess.QUERY_ACTIONS,
                        List.of(StatisticsAccess.projectWorkgroupArns(account, namePrefix))),
                allow("StatisticsCatalog", StatisticsAccess.CATALOG_ACTIONS, StatisticsAccess.projectCatalogArns(account, namePrefix)),
                allow("StatisticsQueryBuckets", List.of("s3:GetBucketLocation", "s3:ListBucketMultipartUploads"), List.of(buckets)),
                allow("StatisticsQueryUploads", List.of("s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
                        List.of(buckets + "/*")));
    }

    /** What S3 does with the replication role ({@link BucketReplication}) on objects of the source and the replica. */
    private static List<String> replicationObjectActions() {
        List<String> actions = new ArrayList<>(BucketReplication.SOURCE_OBJECT_ACTIONS);
        actions.addAll(BucketReplication.REPLICA_OBJECT_ACTIONS);
        return actions;
    }

    /** The boundary's ARN in {@code account}: fixed name and path, so the chart stacks need no bootstrap output. */
    public static String arn(String account) {
        return "arn:aws:iam::" + account + ":policy" + PATH + NAME;
    }
}
