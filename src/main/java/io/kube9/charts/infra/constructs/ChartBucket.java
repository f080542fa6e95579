package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import java.util.Optional;
import software.constructs.Construct;

/**
 * A private, versioned bucket holding chart packages, provenance files and index.yaml: the chart bucket, and its
 * replica in a second region (the same defaults, filled by {@link BucketReplication}). Who may read it is decided by
 * {@link ChartBucketPolicy}, which needs the distribution this bucket feeds.
 */
public final class ChartBucket extends Construct {
    /**
     * @param provider the provider of another region (the replica's); empty: the stack's default provider
     */
    public record Props(String name, int noncurrentVersionExpirationDays, Optional<TerraformProvider> provider) {
        public Props(String name, int noncurrentVersionExpirationDays) {
            this(name, noncurrentVersionExpirationDays, Optional.empty());
        }
    }

    private final S3Bucket bucket;
    private final ITerraformDependable versioning;
    private final Optional<TerraformProvider> provider;

    public ChartBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = S3Bucket.Builder.create(this, "bucket").bucket(props.name()).build();
        PrivateBucketDefaults.apply(this, bucket, "BucketOwnerEnforced");
        versioning = PrivateBucketDefaults.versioned(this, bucket, "expire-noncurrent-versions", props.noncurrentVersionExpirationDays());
        provider = props.provider();
        provider.ifPresent(region -> AwsProviders.assign(this, region));
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

    /** Replication may be configured only once versioning is on (on both buckets). */
    public ITerraformDependable versioning() {
        return versioning;
    }

    /** The provider of the bucket's region, when it is not the stack's default. */
    public Optional<TerraformProvider> provider() {
        return provider;
    }
}
