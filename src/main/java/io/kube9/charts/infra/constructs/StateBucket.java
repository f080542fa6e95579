package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
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
        PrivateBucketDefaults.versioned(this, bucket, "expire-noncurrent-state-versions", props.noncurrentVersionExpirationDays());
        PrivateBucketDefaults.tlsOnlyPolicy(this, bucket);
    }

    public String bucketName() {
        return bucket.getBucket();
    }

    public String bucketArn() {
        return bucket.getArn();
    }
}
