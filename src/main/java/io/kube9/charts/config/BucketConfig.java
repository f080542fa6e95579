package io.kube9.charts.config;

/** The private S3 bucket holding chart packages and index.yaml; its access logs go to {@code <name>-logs}. */
public record BucketConfig(String name, String region, int noncurrentVersionExpirationDays) {

    public String logBucketName() {
        return name + "-logs";
    }
}
