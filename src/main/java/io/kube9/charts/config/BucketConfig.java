package io.kube9.charts.config;

import java.util.Optional;

/**
 * The private S3 bucket holding chart packages and index.yaml; its access logs go to {@code <name>-logs}. With
 * {@code replica} (a region other than {@code region}) S3 replicates it to {@code <name>-replica} there, and CloudFront
 * fails over to that copy when the primary answers 5xx or cannot be reached.
 */
public record BucketConfig(String name, String region, int noncurrentVersionExpirationDays, String replica) {

    public String logBucketName() {
        return name + "-logs";
    }

    /** The region of the replica bucket; empty when there is none. */
    public Optional<String> replicaRegion() {
        return Optional.ofNullable(replica);
    }

    public String replicaBucketName() {
        return name + "-replica";
    }
}
