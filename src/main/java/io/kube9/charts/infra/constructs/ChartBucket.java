package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import java.util.List;
import software.constructs.Construct;

/**
 * The private, versioned bucket holding chart packages, provenance files and index.yaml. Who may
 * read it is decided by {@link ChartBucketPolicy}, which needs the distribution this bucket feeds.
 */
public final class ChartBucket extends Construct {
    static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

    public record Props(String name, int noncurrentVersionExpirationDays) {}

    private final S3Bucket bucket;

    public ChartBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = S3Bucket.Builder.create(this, "bucket").bucket(props.name()).build();
        PrivateBucketDefaults.apply(this, bucket, "BucketOwnerEnforced");
        S3BucketVersioningA.Builder.create(this, "versioning")
                .bucket(bucket.getId())
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
                .build();
        S3BucketLifecycleConfiguration.Builder.create(this, "lifecycle")
                .bucket(bucket.getId())
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id("expire-noncurrent-versions")
                        .status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().prefix("").build())
                        .noncurrentVersionExpiration(S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                                .noncurrentDays(props.noncurrentVersionExpirationDays()).build())
                        .abortIncompleteMultipartUpload(S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                        .build()))
                .build();
    }

    public String bucketName() {
        return bucket.getBucket();
    }

    public String bucketId() {
        return bucket.getId();
    }

    public String bucketArn() {
        return bucket.getArn();
    }

    /** What CloudFront's origin points at (the regional name avoids redirects right after creation). */
    public String regionalDomainName() {
        return bucket.getBucketRegionalDomainName();
    }
}
