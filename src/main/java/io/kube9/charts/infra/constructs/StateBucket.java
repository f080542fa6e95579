package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import java.util.List;
import software.constructs.Construct;

/**
 * The bucket holding every stack's Terraform state: private (all public access blocked, ACLs
 * disabled), encrypted, reachable over TLS only, versioned so a bad state write can be rolled back,
 * with old versions expired and protected from {@code terraform destroy}.
 */
public final class StateBucket extends Construct {
    public record Props(String name, int noncurrentVersionExpirationDays) {}

    private final S3Bucket bucket;

    public StateBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = S3Bucket.Builder.create(this, "bucket")
                .bucket(props.name())
                .lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build())
                .build();
        PrivateBucketDefaults.apply(this, bucket, "BucketOwnerEnforced");
        S3BucketVersioningA.Builder.create(this, "versioning")
                .bucket(bucket.getId())
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
                .build();
        S3BucketLifecycleConfiguration.Builder.create(this, "lifecycle")
                .bucket(bucket.getId())
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id("expire-noncurrent-state-versions")
                        .status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().prefix("").build())
                        .noncurrentVersionExpiration(S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                                .noncurrentDays(props.noncurrentVersionExpirationDays()).build())
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

    public String bucketArn() {
        return bucket.getArn();
    }
}
