package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import java.util.List;
import software.constructs.Construct;

/**
 * Where CloudFront writes standard (legacy) access logs. That delivery writes with an ACL grant, so
 * this bucket keeps ACLs usable with BucketOwnerPreferred ownership (the chart bucket disables them);
 * public access stays blocked, objects are encrypted and expire.
 */
public final class AccessLogBucket extends Construct {
    /** CloudFront standard logging needs ACLs; BucketOwnerPreferred keeps the delivered objects ours. */
    static final String OWNERSHIP = "BucketOwnerPreferred";

    public record Props(String name, int expirationDays) {}

    private final S3Bucket bucket;

    public AccessLogBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = S3Bucket.Builder.create(this, "bucket").bucket(props.name()).build();
        PrivateBucketDefaults.apply(this, bucket, OWNERSHIP);
        S3BucketLifecycleConfiguration.Builder.create(this, "lifecycle")
                .bucket(bucket.getId())
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id("expire-access-logs")
                        .status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().prefix("").build())
                        .expiration(S3BucketLifecycleConfigurationRuleExpiration.builder().days(props.expirationDays()).build())
                        .abortIncompleteMultipartUpload(S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                .daysAfterInitiation(ChartBucket.ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                        .build()))
                .build();
        DataAwsIamPolicyDocument policy = DataAwsIamPolicyDocument.Builder.create(this, "policy-document")
                .statement(List.of(BucketPolicies.denyInsecureTransport(bucket.getArn())))
                .build();
        S3BucketPolicy.Builder.create(this, "policy").bucket(bucket.getId()).policy(policy.getJson()).build();
    }

    public String bucketName() {
        return bucket.getBucket();
    }

    /** The form CloudFront's logging configuration wants ({@code <name>.s3.amazonaws.com}). */
    public String domainName() {
        return bucket.getBucketDomainName();
    }
}
