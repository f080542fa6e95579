package io.kube9.charts.config;

import java.util.Optional;

/**
 * The TLS certificate CloudFront presents: requested from ACM in {@code region} (CloudFront requires
 * us-east-1) for {@code domainName}, unless {@code existingArn} names an issued certificate to use.
 */
public record CertificateConfig(String domainName, String region, String existingArn) {

    public Optional<String> existing() {
        return Optional.ofNullable(existingArn);
    }
}
