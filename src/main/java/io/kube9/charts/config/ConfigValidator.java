package io.kube9.charts.config;

import static io.kube9.charts.config.ChartHostingConfig.NAME_PREFIX;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a configuration must satisfy before anything is synthesized. */
final class ConfigValidator {
    private static final String CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";
    private static final Set<String> PRICE_CLASSES = Set.of("PriceClass_100", "PriceClass_200", "PriceClass_All");
    private static final Set<String> RESERVED_TAGS = Set.of("environment");
    private static final Set<String> CUTOVER_STAGES = Set.of(CutoverConfig.PARALLEL, CutoverConfig.LIVE);

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Pattern DNS_NAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-[1-9]");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]*[a-z0-9]");
    private static final Pattern CERTIFICATE_ARN = Pattern.compile(
            "arn:aws:acm:us-east-1:\\d{12}:certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern GITHUB_REPOSITORY =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}");
    private static final Pattern GITHUB_ENVIRONMENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern CLOUDFRONT_DOMAIN = Pattern.compile("[a-z0-9]{1,63}\\.cloudfront\\.net");
    private static final Pattern STATE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!_.*'()/-]*\\.tfstate");

    /** The bootstrap stack keeps its own state here; CI roles must not reach it. */
    private static final String BOOTSTRAP_STATE_FOLDER = "bootstrap/";

    /** S3's limit for bucket names. */
    static final int MAX_BUCKET_NAME = 63;
    /** Keeps {@code <bucket>-logs} within S3's 63 characters. */
    static final int MAX_CHART_BUCKET_NAME = MAX_BUCKET_NAME - "-logs".length();

    private final List<Violation> violations = new ArrayList<>();

    static List<Violation> validate(ChartHostingConfig config) {
        ConfigValidator validator = new ConfigValidator();
        validator.check(config);
        return List.copyOf(validator.violations);
    }

    private void check(ChartHostingConfig c) {
        if (required("environment", c.environment()) && !ENVIRONMENT.matcher(c.environment()).matches()) {
            fail("environment", quote(c.environment()) + " must be 1-20 lowercase letters, digits or '-', starting with a letter"
                    + " (it becomes part of the stack name kube9-charts-<environment>)", "use a name such as 'staging'");
        }
        checkRepository(c.repository());
        checkCertificate(c.certificate(), c.repository());
        checkCutover(c.cutover(), c.repository(), c.certificate());
        checkBucket(c.bucket(), c.stateBackend());
        checkCdn(c.cdn());
        checkGitHub(c.github());
        PublishingRules.check(c, this);
        StatisticsRules.check(c, this);
        AvailabilityRules.check(c, this);
        checkStateBackend(c.stateBackend());
        checkTags(c.tags());
    }

    private void checkRepository(RepositoryConfig r) {
        boolean domain = dnsName("repository.domain", r.domain());
        boolean zone = dnsName("repository.hostedZone", r.hostedZone());
        if (domain && zone && !r.domain().endsWith("." + r.hostedZone())) {
            fail("repository.domain", quote(r.domain()) + " is not inside hostedZone " + quote(r.hostedZone())
                    + ", so no record can be created for it", "use a name that ends in '." + r.hostedZone()
                    + "', or set repository.hostedZone to the Route53 zone that holds it", "repository.hostedZone");
        }
    }

    private void checkCertificate(CertificateConfig cert, RepositoryConfig repository) {
        if (required("certificate.region", cert.region()) && !CLOUDFRONT_CERTIFICATE_REGION.equals(cert.region())) {
            fail("certificate.region", quote(cert.region()) + " cannot be used: CloudFront only accepts ACM certificates from us-east-1",
                    "set certificate.region to 'us-east-1'");
        }
        if (cert.existingArn() != null && !CERTIFICATE_ARN.matcher(cert.existingArn()).matches()) {
            fail("certificate.existingArn", quote(cert.existingArn()) + " is not an ACM certificate ARN in us-east-1",
                    "use the form 'arn:aws:acm:us-east-1:<12-digit account>:certificate/<uuid>', or null to request a certificate");
        }
        if (!required("certificate.domainName", cert.domainName())) {
            return;
        }
        String base = cert.domainName().startsWith("*.") ? cert.domainName().substring(2) : cert.domainName();
        if (!DNS_NAME.matcher(base).matches()) {
            fail("certificate.domainName", quote(cert.domainName()) + " is not a DNS name or a '*.' wildcard of one",
                    "use a name such as '*.kube9.io'");
            return;
        }
        if (repository.domain() != null && repository.domain().contains(".") && !covers(cert.domainName(), repository.domain())) {
            fail("certificate.domainName", quote(cert.domainName()) + " does not cover repository.domain " + quote(repository.domain()),
                    "use '*." + repository.domain().substring(repository.domain().indexOf('.') + 1) + "' or '"
                            + repository.domain() + "'", "repository.domain");
        }
        String zone = repository.hostedZone();
        if (cert.existingArn() == null && zone != null && !(base.equals(zone) || base.endsWith("." + zone))) {
            fail("certificate.domainName", quote(cert.domainName()) + " is not inside hostedZone " + quote(zone)
                    + ", so its DNS validation records cannot be created", "use a name inside '" + zone
                    + "', or set certificate.existingArn to an issued certificate", "repository.hostedZone");
        }
    }

    private void checkCutover(CutoverConfig cutover, RepositoryConfig repository, CertificateConfig cert) {
        if (cutover == null) {
            return;
        }
        if (required("cutover.stage", cutover.stage()) && !CUTOVER_STAGES.contains(cutover.stage())) {
            fail("cutover.stage", quote(cutover.stage()) + " is not a cutover stage", "use 'parallel' (the legacy distribution keeps"
                    + " repository.domain) or 'live' (this stack's distribution holds it), or write 'cutover: null' if no other"
                    + " system serves the name");
        }
        String staging = cutover.stagingDomain();
        if (staging != null && dnsName("cutover.stagingDomain", staging)) {
            String zone = repository.hostedZone();
            if (staging.equals(repository.domain())) {
                fail("cutover.stagingDomain", quote(staging) + " is repository.domain itself; the staging name is a second name"
                        + " served before the cutover", "use another name, such as 'charts-next." + zone + "', or null",
                        "repository.domain");
            } else if (zone != null && !staging.endsWith("." + zone)) {
                fail("cutover.stagingDomain", quote(staging) + " is not inside hostedZone " + quote(zone)
                        + ", so no record can be created for it", "use a name that ends in '." + zone + "'", "repository.hostedZone");
            } else if (cert.domainName() != null && !covers(cert.domainName(), staging)) {
                fail("cutover.stagingDomain", quote(staging) + " is not covered by certificate.domainName " + quote(cert.domainName())
                        + ", so CloudFront refuses it as an alternate domain name", "use a name the certificate covers, or set"
                        + " certificate.domainName to a wildcard that covers both names", "certificate.domainName");
            }
        }
        String legacy = cutover.legacyDistributionDomain();
        if (legacy != null && !CLOUDFRONT_DOMAIN.matcher(legacy).matches()) {
            fail("cutover.legacyDistributionDomain", quote(legacy) + " is not a CloudFront distribution domain name",
                    "use the legacy distribution's own name, such as 'd111111abcdef8.cloudfront.net' (aws cloudfront"
                            + " get-distribution --id <ID> --query Distribution.DomainName), or null");
        }
    }

    private static boolean covers(String certificateName, String domain) {
        if (certificateName.startsWith("*.")) {
            return domain.substring(domain.indexOf('.') + 1).equals(certificateName.substring(2));
        }
        return certificateName.equals(domain);
    }

    private void checkBucket(BucketConfig b, StateBackendConfig state) {
        if (bucketName("bucket.name", b.name(), MAX_CHART_BUCKET_NAME, " (the access-log bucket is '<name>-logs')")
                && !b.name().startsWith(NAME_PREFIX)) {
            fail("bucket.name", quote(b.name()) + " must start with '" + NAME_PREFIX + "': the CI deploy role may only manage"
                    + " buckets named " + NAME_PREFIX + "*", "use a name such as 'kube9-charts-staging'");
        }
        region("bucket.region", b.region());
        if (b.name() != null && b.name().equals(state.bucket())) {
            fail("bucket.name", quote(b.name()) + " is also stateBackend.bucket; chart objects and Terraform state must not share a bucket",
                    "give the chart bucket its own name", "stateBackend.bucket");
        }
        range("bucket.noncurrentVersionExpirationDays", b.noncurrentVersionExpirationDays(), 1, 3650,
                "days a replaced or deleted object version is kept for recovery");
    }

    private void checkCdn(CdnConfig cdn) {
        if (required("cdn.priceClass", cdn.priceClass()) && !PRICE_CLASSES.contains(cdn.priceClass())) {
            fail("cdn.priceClass", quote(cdn.priceClass()) + " is not a CloudFront price class",
                    "use one of PriceClass_100, PriceClass_200, PriceClass_All");
        }
        range("cdn.chartMaxTtlSeconds", cdn.chartMaxTtlSeconds(), 86_400, 31_536_000,
                "seconds a chart package may stay at the edge (packages are immutable; one year is 31536000)");
        range("cdn.indexMaxTtlSeconds", cdn.indexMaxTtlSeconds(), 1, 300,
                "seconds index.yaml may stay at the edge (at most 5 minutes, so a release shows up quickly)");
        range("cdn.accessLogExpirationDays", cdn.accessLogExpirationDays(), 1, 3650, "days CloudFront access logs are kept");
    }

    private void checkGitHub(GitHubConfig g) {
        if (required("github.repository", g.repository())) {
            githubRepository("github.repository", g.repository(), "alto9/kube9-charts");
        }
        if (required("github.deployEnvironment", g.deployEnvironment()) && !GITHUB_ENVIRONMENT.matcher(g.deployEnvironment()).matches()) {
            fail("github.deployEnvironment", quote(g.deployEnvironment()) + " is not a usable GitHub environment name",
                    "use 1-64 letters, digits, '_', '.' or '-', such as 'production'");
        }
    }

    private void checkStateBackend(StateBackendConfig s) {
        bucketName("stateBackend.bucket", s.bucket(), MAX_BUCKET_NAME, "");
        if (required("stateBackend.key", s.key()) && !STATE_KEY.matcher(s.key()).matches()) {
            fail("stateBackend.key", quote(s.key()) + " is not a state object key",
                    "use a relative key ending in '.tfstate', such as 'charts/production/terraform.tfstate'");
        } else if (s.key() != null && (!s.key().contains("/") || s.key().startsWith(BOOTSTRAP_STATE_FOLDER))) {
            fail("stateBackend.key", quote(s.key()) + " must sit in a folder other than '" + BOOTSTRAP_STATE_FOLDER
                    + "': CI roles are scoped to that folder, and the bootstrap stack's state stays out of their reach",
                    "use a key such as 'charts/staging/terraform.tfstate'");
        }
        region("stateBackend.region", s.region());
    }

    private void checkTags(Map<String, String> tags) {
        tags.forEach((key, value) -> {
            String field = "tags." + key;
            if (RESERVED_TAGS.contains(key)) {
                fail(field, "is set from the top-level 'environment' key", "remove tags." + key + " and set environment instead");
            } else if (key.length() > 128 || key.toLowerCase().startsWith("aws:")) {
                fail(field, "is not an allowed tag key (at most 128 characters, not starting with 'aws:')", "rename the tag");
            } else if (value == null || value.length() > 256) {
                fail(field, "needs a value of at most 256 characters", "give the tag a value, or remove it");
            }
        });
    }

    private boolean dnsName(String field, String value) {
        if (!required(field, value)) {
            return false;
        }
        if (!DNS_NAME.matcher(value).matches()) {
            fail(field, quote(value) + " is not a lowercase DNS name", "use a name such as 'charts.kube9.io' (no scheme, no trailing dot)");
            return false;
        }
        return true;
    }

    boolean region(String field, String value) {
        if (required(field, value) && !REGION.matcher(value).matches()) {
            fail(field, quote(value) + " is not an AWS region", "use a region code such as 'us-east-1'");
            return false;
        }
        return value != null && !value.isBlank();
    }

    private boolean bucketName(String field, String value, int maxLength, String why) {
        if (!required(field, value)) {
            return false;
        }
        if (value.length() < 3 || value.length() > maxLength || !BUCKET.matcher(value).matches()) {
            fail(field, quote(value) + " is not a valid bucket name: 3-" + maxLength + " lowercase letters, digits or '-'"
                    + why, "use a name such as 'kube9-charts-staging' (no dots, no uppercase)");
            return false;
        }
        return true;
    }

    void range(String field, long value, long min, long max, String meaning) {
        if (value < min || value > max) {
            fail(field, value + " is out of range: " + meaning, "use a value from " + min + " to " + max);
        }
    }

    /** Whether {@code value} is a GitHub {@code owner/repo}; reports it otherwise. */
    boolean githubRepository(String field, String value, String example, String... relatedFields) {
        if (GITHUB_REPOSITORY.matcher(value).matches()) {
            return true;
        }
        fail(field, quote(value) + " is not a GitHub 'owner/repo'", "use the form '" + example
                + "' (owner: letters, digits, '-'; repo: letters, digits, '.', '_', '-')", relatedFields);
        return false;
    }

    boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required", "set a value, or remove the override so the default applies");
            return false;
        }
        return true;
    }

    /** Whether a rule has already reported {@code field} (a later rule on it would only repeat the problem). */
    boolean reported(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    void fail(String field, String problem, String fix, String... relatedFields) {
        violations.add(Violation.of(field, problem, fix, relatedFields));
    }

    static String quote(String value) {
        return "'" + value + "'";
    }
}
