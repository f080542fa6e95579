package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import software.constructs.Construct;

/**
 * Where CloudFront writes standard (legacy) access logs. That delivery writes with an ACL grant, so
 * this bucket keeps ACLs usable with BucketOwnerPreferred ownership (the chart bucket disables them);
 * public access stays blocked, objects are encrypted and expire.
 */
public final class AccessLogBucket extends Construct {
    private static final String OWNERSHIP = "BucketOwnerPreferred";

    public record Props(String name, int expirationDays) {}

    private final S3Bucket bucket;

    public AccessLogBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = PrivateBucketDefaults.expiringBucket(this, "bucket", props.name(), OWNERSHIP, "expire-access-logs", "",
                props.expirationDays());
        PrivateBucketDefaults.tlsOnlyPolicy(this, bucket);
    }

    public String bucketName() {
        return bucket.getBucket();
    }

    /** The form CloudFront's logging configuration wants ({@code <name>.s3.amazonaws.com}). */
    public String domainName() {
        return bucket.getBucketDomainName();
    }
}
