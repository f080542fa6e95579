package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import software.constructs.Construct;

/**
 * The private, versioned bucket holding chart packages, provenance files and index.yaml. Who may
 * read it is decided by {@link ChartBucketPolicy}, which needs the distribution this bucket feeds.
 */
public final class ChartBucket extends Construct {
    public record Props(String name, int noncurrentVersionExpirationDays) {}

    private final S3Bucket bucket;

    public ChartBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = S3Bucket.Builder.create(this, "bucket").bucket(props.name()).build();
        PrivateBucketDefaults.apply(this, bucket, "BucketOwnerEnforced");
        PrivateBucketDefaults.versioned(this, bucket, "expire-noncurrent-versions", props.noncurrentVersionExpirationDays());
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
