package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
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
import java.util.ArrayList;
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

    /**
     * A bucket named {@code name} with {@link #apply} and the objects under {@code prefix} ({@code ""}: all) expiring
     * {@code days} after they were written; its policy is the caller's.
     */
    static S3Bucket expiringBucket(Construct scope, String id, String name, String objectOwnership, String ruleId, String prefix,
                                   int days) {
        S3Bucket bucket = S3Bucket.Builder.create(scope, id).bucket(name).build();
        apply(scope, bucket, objectOwnership);
        expiring(scope, bucket, ruleId, prefix, days);
        return bucket;
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
        lifecycle(scope, bucket, "", rule);
    }

    /** Objects under {@code prefix} ({@code ""}: every object) expire {@code days} after they were written. */
    static void expiring(Construct scope, S3Bucket bucket, String ruleId, String prefix, int days) {
        lifecycle(scope, bucket, prefix, S3BucketLifecycleConfigurationRule.builder()
                .id(ruleId)
                .expiration(S3BucketLifecycleConfigurationRuleExpiration.builder().days(days).build()));
    }

    /** One lifecycle rule over the objects under {@code prefix}, which also aborts their stale multipart uploads. */
    private static void lifecycle(Construct scope, S3Bucket bucket, String prefix, S3BucketLifecycleConfigurationRule.Builder rule) {
        S3BucketLifecycleConfiguration.Builder.create(scope, "lifecycle")
                .bucket(bucket.getId())
                .rule(List.of(rule
                        .status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().prefix(prefix).build())
                        .abortIncompleteMultipartUpload(S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                        .build()))
                .build();
    }

    /** A bucket policy with nothing but the TLS-only statement. */
    static void tlsOnlyPolicy(Construct scope, S3Bucket bucket) {
        tlsOnlyPolicy(scope, bucket, List.of());
    }

    /** A bucket policy with the TLS-only statement and {@code allowed}. */
    static S3BucketPolicy tlsOnlyPolicy(Construct scope, S3Bucket bucket, List<DataAwsIamPolicyDocumentStatement> allowed) {
        List<DataAwsIamPolicyDocumentStatement> statements = new ArrayList<>();
        statements.add(PolicyStatements.denyInsecureTransport(bucket.getArn()));
        statements.addAll(allowed);
        DataAwsIamPolicyDocument policy = DataAwsIamPolicyDocument.Builder.create(scope, "policy-document")
                .statement(statements)
                .build();
        return S3BucketPolicy.Builder.create(scope, "policy").bucket(bucket.getId()).policy(policy.getJson()).build();
    }
}
