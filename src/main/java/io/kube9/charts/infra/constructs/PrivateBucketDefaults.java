package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControls;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import java.util.List;
import software.constructs.Construct;

/** The settings the project's buckets share, each added to the bucket's own construct. */
final class PrivateBucketDefaults {
    private static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

    private PrivateBucketDefaults() {}

    /** All public access blocked, the given object ownership, SSE-S3. */
    static void apply(Construct scope, S3Bucket bucket, String objectOwnership) {
        S3BucketPublicAccessBlock.Builder.create(scope, "public-access-block")
                .bucket(bucket.getId())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build();
        S3BucketOwnershipControls.Builder.create(scope, "ownership")
                .bucket(bucket.getId())
                .rule(S3BucketOwnershipControlsRule.builder().objectOwnership(objectOwnership).build())
                .build();
        S3BucketServerSideEncryptionConfigurationA.Builder.create(scope, "encryption")
                .bucket(bucket.getId())
                .rule(List.of(S3BucketServerSideEncryptionConfigurationRuleA.builder()
                        .applyServerSideEncryptionByDefault(
                                S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA.builder()
                                        .sseAlgorithm("AES256").build())
                        .build()))
                .build();
    }

    /** Versioning on, replaced versions expiring after {@code noncurrentDays}, stale multipart uploads aborted. */
    static S3BucketVersioningA versioned(Construct scope, S3Bucket bucket, String ruleId, int noncurrentDays) {
        S3BucketVersioningA versioning = S3BucketVersioningA.Builder.create(scope, "versioning")
                .bucket(bucket.getId())
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
                .build();
        lifecycle(scope, bucket, S3BucketLifecycleConfigurationRule.builder()
                .id(ruleId)
                .noncurrentVersionExpiration(S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                        .noncurrentDays(noncurrentDays).build()));
        return versioning;
    }

    /** One lifecycle rule over every object, which also aborts stale multipart uploads. */
    static void lifecycle(Construct scope, S3Bucket bucket, S3BucketLifecycleConfigurationRule.Builder rule) {
        S3BucketLifecycleConfiguration.Builder.create(scope, "lifecycle")
                .bucket(bucket.getId())
                .rule(List.of(rule
                        .status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().prefix("").build())
                        .abortIncompleteMultipartUpload(S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                        .build()))
                .build();
    }

    /** A bucket policy with nothing but the TLS-only statement. */
    static void tlsOnlyPolicy(Construct scope, S3Bucket bucket) {
        DataAwsIamPolicyDocument policy = DataAwsIamPolicyDocument.Builder.create(scope, "policy-document")
                .statement(List.of(PolicyStatements.denyInsecureTransport(bucket.getArn())))
                .build();
        S3BucketPolicy.Builder.create(scope, "policy").bucket(bucket.getId()).policy(policy.getJson()).build();
    }
}
