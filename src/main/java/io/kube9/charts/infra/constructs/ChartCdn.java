package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicy;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistribution;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionDefaultCacheBehavior;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionLoggingConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOrderedCacheBehavior;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOrigin;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionRestrictions;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionRestrictionsGeoRestriction;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionViewerCertificate;
import com.hashicorp.cdktf.providers.aws.cloudfront_origin_access_control.CloudfrontOriginAccessControl;
import com.hashicorp.cdktf.providers.aws.cloudfront_response_headers_policy.CloudfrontResponseHeadersPolicy;
import com.hashicorp.cdktf.providers.aws.cloudfront_response_headers_policy.CloudfrontResponseHeadersPolicySecurityHeadersConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_response_headers_policy.CloudfrontResponseHeadersPolicySecurityHeadersConfigContentTypeOptions;
import com.hashicorp.cdktf.providers.aws.cloudfront_response_headers_policy.CloudfrontResponseHeadersPolicySecurityHeadersConfigFrameOptions;
import com.hashicorp.cdktf.providers.aws.cloudfront_response_headers_policy.CloudfrontResponseHeadersPolicySecurityHeadersConfigReferrerPolicy;
import com.hashicorp.cdktf.providers.aws.cloudfront_response_headers_policy.CloudfrontResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurity;
import java.util.List;
import software.constructs.Construct;

/**
 * The CloudFront distribution in front of the chart bucket: reads the bucket through an Origin
 * Access Control (SigV4, always), serves the repository name with its certificate (SNI,
 * TLSv1.2_2021), HTTPS only, read-only methods, HTTP/2 and HTTP/3, IPv6, compression, security
 * headers and standard access logs.
 * <p>
 * Chart packages are immutable and carry a one-year Cache-Control, which the default behaviour
 * honours; the files that change on every release (index.yaml and the landing page files) get a
 * cache policy whose maximum TTL caps their edge lifetime, whatever headers they carry.
 */
public final class ChartCdn extends Construct {
    /** Paths that change on every publish, cached at most {@code mutableMaxTtlSeconds}. */
    public static final List<String> MUTABLE_PATHS = List.of("index.yaml", "index.html", "artifacthub-repo.yml");
    private static final String MINIMUM_TLS = "TLSv1.2_2021";
    private static final int HSTS_SECONDS = 63_072_000;
    private static final String ORIGIN_ID = "chart-bucket";
    private static final List<String> READ_METHODS = List.of("GET", "HEAD", "OPTIONS");
    private static final List<String> CACHED_METHODS = List.of("GET", "HEAD");

    /**
     * @param name unique per account: names the OAC and the policies
     * @param originDomainName the chart bucket's regional domain name
     * @param logBucketDomainName the access-log bucket's {@code <bucket>.s3.amazonaws.com}
     */
    public record Props(String name, String domain, String certificateArn, String originDomainName, String priceClass,
                        long chartMaxTtlSeconds, long mutableMaxTtlSeconds, String logBucketDomainName) {}

    private final CloudfrontDistribution distribution;

    public ChartCdn(Construct scope, String id, Props props) {
        super(scope, id);
        CloudfrontOriginAccessControl oac = CloudfrontOriginAccessControl.Builder.create(this, "origin-access-control")
                .name(props.name())
                .description("CloudFront reads " + props.domain() + " chart objects with SigV4")
                .originAccessControlOriginType("s3")
                .signingBehavior("always")
                .signingProtocol("sigv4")
                .build();
        CloudfrontCachePolicy charts = cachePolicy("chart-cache-policy", props.name() + "-charts",
                "Chart packages: honour the origin's immutable Cache-Control", 86_400, props.chartMaxTtlSeconds());
        CloudfrontCachePolicy mutable = cachePolicy("index-cache-policy", props.name() + "-index",
                "index.yaml and landing page: edge TTL capped", props.mutableMaxTtlSeconds(), props.mutableMaxTtlSeconds());
        CloudfrontResponseHeadersPolicy headers = securityHeaders(props.name() + "-security-headers");

        distribution = CloudfrontDistribution.Builder.create(this, "distribution")
                .enabled(true)
                .comment("Helm chart repository " + props.domain())
                .aliases(List.of(props.domain()))
                .priceClass(props.priceClass())
                .httpVersion("http2and3")
                .isIpv6Enabled(true)
                .defaultRootObject("index.html")
                .origin(List.of(CloudfrontDistributionOrigin.builder()
                        .originId(ORIGIN_ID)
                        .domainName(props.originDomainName())
                        .originAccessControlId(oac.getId())
                        .build()))
                .defaultCacheBehavior(CloudfrontDistributionDefaultCacheBehavior.builder()
                        .targetOriginId(ORIGIN_ID)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(READ_METHODS)
                        .cachedMethods(CACHED_METHODS)
                        .compress(true)
                        .cachePolicyId(charts.getId())
                        .responseHeadersPolicyId(headers.getId())
                        .build())
                .orderedCacheBehavior(MUTABLE_PATHS.stream().map(path -> CloudfrontDistributionOrderedCacheBehavior.builder()
                        .pathPattern(path)
                        .targetOriginId(ORIGIN_ID)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(READ_METHODS)
                        .cachedMethods(CACHED_METHODS)
                        .compress(true)
                        .cachePolicyId(mutable.getId())
                        .responseHeadersPolicyId(headers.getId())
                        .build()).toList())
                .viewerCertificate(CloudfrontDistributionViewerCertificate.builder()
                        .acmCertificateArn(props.certificateArn())
                        .sslSupportMethod("sni-only")
                        .minimumProtocolVersion(MINIMUM_TLS)
                        .build())
                .restrictions(CloudfrontDistributionRestrictions.builder()
                        .geoRestriction(CloudfrontDistributionRestrictionsGeoRestriction.builder().restrictionType("none").build())
                        .build())
                .loggingConfig(CloudfrontDistributionLoggingConfig.builder()
                        .bucket(props.logBucketDomainName())
                        .prefix("cloudfront/")
                        .includeCookies(false)
                        .build())
                .build();
    }

    private CloudfrontCachePolicy cachePolicy(String id, String name, String comment, long defaultTtl, long maxTtl) {
        return CloudfrontCachePolicy.Builder.create(this, id)
                .name(name)
                .comment(comment)
                .minTtl(0)
                .defaultTtl(defaultTtl)
                .maxTtl(maxTtl)
                .parametersInCacheKeyAndForwardedToOrigin(CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin.builder()
                        .enableAcceptEncodingGzip(true)
                        .enableAcceptEncodingBrotli(true)
                        .cookiesConfig(CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig.builder()
                                .cookieBehavior("none").build())
                        .headersConfig(CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig.builder()
                                .headerBehavior("none").build())
                        .queryStringsConfig(CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig.builder()
                                .queryStringBehavior("none").build())
                        .build())
                .build();
    }

    private CloudfrontResponseHeadersPolicy securityHeaders(String name) {
        return CloudfrontResponseHeadersPolicy.Builder.create(this, "security-headers")
                .name(name)
                .comment("HSTS, nosniff, no framing, referrer policy")
                .securityHeadersConfig(CloudfrontResponseHeadersPolicySecurityHeadersConfig.builder()
                        .strictTransportSecurity(CloudfrontResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurity.builder()
                                .accessControlMaxAgeSec(HSTS_SECONDS)
                                .includeSubdomains(true)
                                .preload(true)
                                .override(true)
                                .build())
                        .contentTypeOptions(CloudfrontResponseHeadersPolicySecurityHeadersConfigContentTypeOptions.builder()
                                .override(true).build())
                        .frameOptions(CloudfrontResponseHeadersPolicySecurityHeadersConfigFrameOptions.builder()
                                .frameOption("DENY").override(true).build())
                        .referrerPolicy(CloudfrontResponseHeadersPolicySecurityHeadersConfigReferrerPolicy.builder()
                                .referrerPolicy("strict-origin-when-cross-origin").override(true).build())
                        .build())
                .build();
    }

    public String distributionId() {
        return distribution.getId();
    }

    public String distributionArn() {
        return distribution.getArn();
    }

    public String domainName() {
        return distribution.getDomainName();
    }

    /** CloudFront's own Route53 zone, the target zone of alias records. */
    public String hostedZoneId() {
        return distribution.getHostedZoneId();
    }
}
