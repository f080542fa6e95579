package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.condition;
import static io.kube9.charts.infra.constructs.PolicyStatements.service;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import java.util.List;
import software.constructs.Construct;

/**
 * Where CloudFront standard logging v2 delivers the distribution's request logs (Parquet), read by the stats command.
 * Private (all public access blocked, ACLs disabled, SSE-S3, TLS only); the only writer
 * besides this account's roles is the CloudWatch Logs delivery service ({@code delivery.logs.amazonaws.com}), and only
 * under {@code AWSLogs/<account>/}, for this account ({@code aws:SourceAccount}) and this delivery source
 * ({@code aws:SourceArn}). Log objects expire after {@code logRetentionDays}.
 */
public final class RequestLogBucket extends Construct {
    /** Where CloudWatch Logs puts every delivery to S3 (followed by the account and the service). */
    public static final String LOG_PREFIX = "AWSLogs/";
    public static final String DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

    /**
     * @param deliverySourceArn the CloudWatch Logs delivery source allowed to write (ARN or ARN pattern)
     */
    public record Props(String name, String account, String deliverySourceArn, int logRetentionDays) {}

    private final S3Bucket bucket;
    private final S3BucketPolicy policy;

    public RequestLogBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = PrivateBucketDefaults.expiringBucket(this, "bucket", props.name(), "BucketOwnerEnforced", "expire-request-logs",
                LOG_PREFIX, props.logRetentionDays());
        DataAwsIamPolicyDocumentStatementCondition thisAccount = condition("StringEquals", "aws:SourceAccount", props.account());
        DataAwsIamPolicyDocumentStatementCondition thisSource = condition("ArnLike", "aws:SourceArn", props.deliverySourceArn());
        policy = PrivateBucketDefaults.tlsOnlyPolicy(this, bucket, List.of(
                deliveryStatement("AWSLogDeliveryWrite", List.of("s3:PutObject"),
                        bucket.getArn() + "/" + LOG_PREFIX + props.account() + "/*", List.of(
                                condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"), thisAccount, thisSource)),
                deliveryStatement("AWSLogDeliveryAclCheck", List.of("s3:GetBucketAcl", "s3:ListBucket"), bucket.getArn(),
                        List.of(thisAccount, thisSource))));
    }

    private static DataAwsIamPolicyDocumentStatement deliveryStatement(String sid, List<String> actions, String resource,
                                                                       List<DataAwsIamPolicyDocumentStatementCondition> conditions) {
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid)
                .effect("Allow")
                .principals(List.of(service(DELIVERY_SERVICE)))
                .actions(actions)
                .resources(List.of(resource))
                .condition(conditions)
                .build();
    }

    public String bucketName() {
        return bucket.getBucket();
    }

    public String bucketArn() {
        return bucket.getArn();
    }

    /** The delivery must wait for this policy: without it, AWS would add a policy of its own that the next apply removes. */
    public S3BucketPolicy policy() {
        return policy;
    }
}
