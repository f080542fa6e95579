package io.kube9.charts.migration;

import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * The two CloudFront calls a cutover makes: GetDistribution (where the alias is, whether the change
 * has reached every edge) and AssociateAlias, which moves an alternate domain name from one standard
 * distribution to another in one step (the target needs a certificate covering the name and, in DNS,
 * a TXT record {@code _<alias>} listing its own domain name). A 4xx from CloudFront is a refusal
 * (exit 4, nothing moved); a 5xx, throttling or a network error is transient (exit 5).
 */
public final class CloudFrontAliases {
    private final CloudFrontClient client;

    public CloudFrontAliases(CloudFrontClient client) {
        this.client = client;
    }

    /** What a cutover needs to know of a distribution. {@code status} is {@code Deployed} once every edge has the change. */
    public record Distribution(String id, String domainName, String status, boolean enabled, List<String> aliases,
            boolean customCertificate) {
        public boolean deployed() {
            return "Deployed".equals(status);
        }
    }

    public Distribution describe(String id) {
        try {
            var distribution = client.getDistribution(request -> request.id(id)).distribution();
            DistributionConfig config = distribution.distributionConfig();
            List<String> aliases = config.aliases() == null ? List.of() : List.copyOf(config.aliases().items());
            ViewerCertificate certificate = config.viewerCertificate();
            boolean custom = certificate != null && !Boolean.TRUE.equals(certificate.cloudFrontDefaultCertificate())
                    && (certificate.acmCertificateArn() != null || certificate.iamCertificateId() != null);
            return new Distribution(distribution.id(), distribution.domainName(), distribution.status(),
                    Boolean.TRUE.equals(config.enabled()), aliases, custom);
        } catch (NoSuchDistributionException e) {
            throw new RepositoryConflictException("CloudFront distribution " + id + " does not exist (NoSuchDistribution):"
                    + " check the ID (this stack's output distribution_id; the legacy stack's output DistributionId)");
        } catch (SdkException e) {
            throw failure("read CloudFront distribution " + id, e, "");
        }
    }

    public void associate(String targetDistributionId, String alias) {
        try {
            client.associateAlias(request -> request.targetDistributionId(targetDistributionId).alias(alias));
        } catch (SdkException e) {
            throw failure("move " + alias + " to CloudFront distribution " + targetDistributionId + " (AssociateAlias)", e,
                    ". Nothing was moved. CloudFront moves an alias only when the target distribution's certificate covers it,"
                    + " the DNS TXT record _" + alias + " lists the target's domain name (cutover.stage: parallel creates it),"
                    + " and the caller may call cloudfront:AssociateAlias on the target and cloudfront:UpdateDistribution on"
                    + " the distribution that has the alias now");
        }
    }

    private static RuntimeException failure(String what, SdkException e, String hint) {
        if (e instanceof CloudFrontException service && service.statusCode() < 500 && !service.isThrottlingException()) {
            String code = service.awsErrorDetails() == null ? "HTTP " + service.statusCode() : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null ? ""
                    : service.awsErrorDetails().errorMessage().replaceAll("\\.$", "");
            return new RepositoryConflictException("CloudFront refused to " + what + ": " + code + ": " + message + hint);
        }
        return new RetriesExhaustedException("could not " + what + ": " + e.getMessage() + "; re-run the same command (it is idempotent)", e);
    }
}
