package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicy;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_cache_policy.CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistribution;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionDefaultCacheBehavior;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionLoggingConfig;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOrderedCacheBehavior;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOrigin;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOriginGroup;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOriginGroupFailoverCriteria;
import com.hashicorp.cdktf.providers.aws.cloudfront_distribution.CloudfrontDistributionOriginGroupMember;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The CloudFront distribution in front of the chart bucket: reads the bucket through an Origin
 * Access Control (SigV4, always), serves its alternate domain names with the certificate (SNI,
 * TLSv1.2_2021), HTTPS only, read-only methods, HTTP/2 and HTTP/3, IPv6, compression, security
 * headers, standard access logs, and the {@link ViewerRequestFunction} on every behaviour.
 * <p>
 * Only packages and provenance files ({@link #IMMUTABLE_PATH_PATTERNS}) are known never to change: their
 * behaviours honour the one-year Cache-Control they carry. Everything else (index.yaml, the landing page
 * at {@code /} and {@code /index.html}, artifacthub-repo.yml, lifecycle.json, anything added later) falls
 * to the default behaviour, whose cache policy caps the edge lifetime whatever headers the object has.
 * Behaviours are chosen by the viewer's path, before the default root object applies, which is why
 * {@code /} must not be the long-lived default. That cap is the freshness only: the policy keeps a copy up to
 * {@link #STALE_IF_ERROR_SECONDS} longer, so the {@code stale-while-revalidate} and {@code stale-if-error} directives
 * the publisher writes on mutable objects can serve it while the origin fails.
 * <p>
 * With a replica bucket every behaviour reads through an origin group: the chart bucket first, the replica when
 * the chart bucket answers one of {@link #FAILOVER_STATUS_CODES} or cannot be reached.
 */
public final class ChartCdn extends Construct {
    /** CloudFront path patterns of the objects that never change once published (cached up to a year). */
    public static final List<String> IMMUTABLE_PATH_PATTERNS = List.of("*.tgz", "*.prov");
    private static final String MINIMUM_TLS = "TLSv1.2_2021";
    private static final int HSTS_SECONDS = 63_072_000;
    /** How long past its freshness CloudFront keeps a mutable object for {@code stale-if-error} (the publisher's value). */
    public static final long STALE_IF_ERROR_SECONDS = 86_400;
    /**
     * Primary answers that send a GET/HEAD to the replica: S3's own failures. Not 403 or 404: the primary answers those
     * for an object that does not exist (or was deleted), and the replica, which may lag, must not contradict it.
     */
    public static final List<Number> FAILOVER_STATUS_CODES = List.of(500, 502, 503, 504);
    private static final String ORIGIN_ID = "chart-bucket";
    private static final String REPLICA_ORIGIN_ID = "replica-bucket";
    private static final String ORIGIN_GROUP_ID = "chart-buckets";
    private static final List<String> READ_METHODS = List.of("GET", "HEAD", "OPTIONS");
    private static final List<String> CACHED_METHODS = List.of("GET", "HEAD");

    /**
     * @param name unique per account: names the OAC, the policies and the function
     * @param domain the repository name, for descriptions
     * @param logBucketDomainName the access-log bucket's {@code <bucket>.s3.amazonaws.com}
     */
    public record Props(String name, String domain, Viewers viewers, Origins origins, Ttls ttls,
                        String logBucketDomainName) {}

    /**
     * Where CloudFront reads, both through the same Origin Access Control: the chart bucket and, when there is one,
     * its replica in another region (the failover member of an origin group). Regional domain names, which avoid
     * redirects right after a bucket is created.
     */
    public record Origins(String primaryDomainName, Optional<String> replicaDomainName) {}

    /**
     * How viewers reach the distribution.
     *
     * @param aliases the alternate domain names; none while another distribution holds the repository name
     *                and no staging name is set (the certificate is attached all the same: AssociateAlias
     *                moves a name only to a distribution whose certificate covers it)
     * @param leaveAliasesToCutover true while the cutover's AssociateAlias may move the repository name in
     *                              (stage parallel): later applies keep the aliases as they find them instead
     *                              of taking the moved name out again
     */
    public record Viewers(List<String> aliases, boolean leaveAliasesToCutover, String certificateArn, String priceClass) {}

    /** The longest packages ({@code immutableMaxSeconds}) and everything else ({@code mutableMaxSeconds}) stay fresh at the edge. */
    public record Ttls(long immutableMaxSeconds, long mutableMaxSeconds) {
        /** The mutable policy's maximum TTL: freshness plus the time a stale copy may still be served on an origin error. */
        public long mutableRetainedSeconds() {
            return mutableMaxSeconds + STALE_IF_ERROR_SECONDS;
        }
    }

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
                "Packages and provenance files: honour the origin's immutable Cache-Control", 86_400, props.ttls().immutableMaxSeconds());
        CloudfrontCachePolicy mutable = cachePolicy("index-cache-policy", props.name() + "-index",
                "Everything but packages and provenance files: short freshness, kept a day for stale-if-error",
                props.ttls().mutableMaxSeconds(), props.ttls().mutableRetainedSeconds());
        CloudfrontResponseHeadersPolicy headers = securityHeaders(props.name() + "-security-headers");
        String viewerRequest = new ViewerRequestFunction(this, "viewer-request",
                new ViewerRequestFunction.Props(props.name() + "-viewer-request")).arn();

        Viewers viewers = props.viewers();
        Optional<String> replica = props.origins().replicaDomainName();
        String target = replica.isPresent() ? ORIGIN_GROUP_ID : ORIGIN_ID;
        distribution = CloudfrontDistribution.Builder.create(this, "distribution")
                .enabled(true)
                .comment("Helm chart repository " + props.domain())
                .aliases(viewers.aliases())
                .lifecycle(viewers.leaveAliasesToCutover()
                        ? TerraformResourceLifecycle.builder().ignoreChanges(List.of("aliases")).build() : null)
                .priceClass(viewers.priceClass())
                .httpVersion("http2and3")
                .isIpv6Enabled(true)
                .defaultRootObject("index.html")
                .origin(origins(props.origins(), oac.getId()))
                .originGroup(replica.map(r -> List.of(CloudfrontDistributionOriginGroup.builder()
                        .originId(ORIGIN_GROUP_ID)
                        .failoverCriteria(CloudfrontDistributionOriginGroupFailoverCriteria.builder()
                                .statusCodes(FAILOVER_STATUS_CODES).build())
                        .member(List.of(
                                CloudfrontDistributionOriginGroupMember.builder().originId(ORIGIN_ID).build(),
                                CloudfrontDistributionOriginGroupMember.builder().originId(REPLICA_ORIGIN_ID).build()))
                        .build())).orElse(null))
                .defaultCacheBehavior(CloudfrontDistributionDefaultCacheBehavior.builder()
                        .targetOriginId(target)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(READ_METHODS)
                        .cachedMethods(CACHED_METHODS)
                        .compress(true)
                        .cachePolicyId(mutable.getId())
                        .responseHeadersPolicyId(headers.getId())
                        .functionAssociation(List.of(CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation.builder()
                                .eventType(ViewerRequestFunction.EVENT_TYPE).functionArn(viewerRequest).build()))
                        .build())
                .orderedCacheBehavior(IMMUTABLE_PATH_PATTERNS.stream().map(path -> CloudfrontDistributionOrderedCacheBehavior.builder()
                        .pathPattern(path)
                        .targetOriginId(target)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(READ_METHODS)
                        .cachedMethods(CACHED_METHODS)
                        .compress(true)
                        .cachePolicyId(charts.getId())
                        .responseHeadersPolicyId(headers.getId())
                        .functionAssociation(List.of(CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation.builder()
                                .eventType(ViewerRequestFunction.EVENT_TYPE).functionArn(viewerRequest).build()))
                        .build()).toList())
                .viewerCertificate(CloudfrontDistributionViewerCertificate.builder()
                        .acmCertificateArn(viewers.certificateArn())
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

    private static List<CloudfrontDistributionOrigin> origins(Origins origins, String originAccessControlId) {
        List<CloudfrontDistributionOrigin> all = new ArrayList<>(List.of(CloudfrontDistributionOrigin.builder()
                .originId(ORIGIN_ID).domainName(origins.primaryDomainName()).originAccessControlId(originAccessControlId).build()));
        origins.replicaDomainName().ifPresent(replica -> all.add(CloudfrontDistributionOrigin.builder()
                .originId(REPLICA_ORIGIN_ID).domainName(replica).originAccessControlId(originAccessControlId).build()));
        return all;
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
