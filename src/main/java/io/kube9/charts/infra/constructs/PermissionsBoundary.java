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
 * (the union of what the publisher, lifecycle, monitor and replication roles need: chart object reads/writes, S3
 * replication between chart buckets, CDN invalidations and, with ECR Public, pushes to the chart repositories), and
 * nothing of IAM.
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
     */
    public record Props(String namePrefix, boolean ecrPublicCharts) {}

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
