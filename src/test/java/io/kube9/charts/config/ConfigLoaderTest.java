package io.kube9.charts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheKube9ProductionRepository() {
        ChartHostingConfig config = ConfigLoader.defaults();

        assertEquals("production", config.environment());
        assertEquals(new RepositoryConfig("charts.kube9.io", "kube9.io"), config.repository());
        assertEquals(Optional.of(new CutoverConfig("parallel", null, null)), config.stagedCutover());
        assertEquals(List.of(), config.distributionAliases(), "the legacy distribution keeps charts.kube9.io until the cutover");
        assertEquals(new CertificateConfig("*.kube9.io", "us-east-1", null), config.certificate());
        assertEquals(Optional.empty(), config.certificate().existing());
        assertEquals(new BucketConfig("kube9-charts-production", "us-east-1", 90, "us-west-2"), config.bucket());
        assertEquals(new CdnConfig("PriceClass_100", 31_536_000, 300, 365), config.cdn());
        assertEquals(new GitHubConfig("alto9/kube9-charts", "production", false), config.github());
        assertEquals(new PublishingConfig(List.of(new PublishingRepository("alto9/kube9-operator", null, "v*",
                List.of("kube9-operator"))), List.of("refs/heads/main", "refs/tags/v1", "refs/tags/v1.*")), config.publishing());
        assertEquals(new OciConfig("ecr-public", "kube9", null), config.oci());
        assertEquals(new StateBackendConfig("kube9-charts-terraform-state", "charts/production/terraform.tfstate", "us-east-1"),
                config.stateBackend());
        assertEquals("kube9-charts-production", config.stackName());
        assertEquals("https://charts.kube9.io", config.repositoryUrl());
        assertEquals("repo:alto9/kube9-operator:ref:refs/tags/v*", config.publishing().repositories().get(0).releaseTagSubject());
        assertEquals("repo:alto9/kube9-charts:environment:production", config.github().deployEnvironmentSubject());
        assertEquals("kube9-charts-production-publisher-alto9.kube9-operator",
                config.publisherRoleName(config.publishing().repositories().get(0)));
        assertEquals("kube9-charts-production-lifecycle", config.lifecycleRoleName());
        assertEquals(Optional.of("oci://public.ecr.aws/kube9/charts"), config.oci().repositoryUrl());
        assertEquals(Map.of("project", "kube9", "component", "chart-hosting", "managed-by", "cdktf", "environment", "production"),
                config.defaultTags());
    }

    @Test
    void committedStagingOverlayChangesOnlyWhatItNames() {
        ChartHostingConfig staging = ConfigLoader.load(Path.of("config/staging.yaml"));
        ChartHostingConfig production = ConfigLoader.defaults();

        assertEquals("staging", staging.environment());
        assertEquals("charts-staging.kube9.io", staging.repository().domain());
        assertEquals("kube9.io", staging.repository().hostedZone());
        assertEquals("kube9-charts-staging", staging.bucket().name());
        assertEquals(60, staging.cdn().indexMaxTtlSeconds());
        assertEquals(production.cdn().chartMaxTtlSeconds(), staging.cdn().chartMaxTtlSeconds());
        assertEquals(production.github().repository(), staging.github().repository());
        assertEquals("charts/staging/terraform.tfstate", staging.stateBackend().key());
        assertEquals(Optional.empty(), staging.oci().repositoryUrl());
        assertEquals(production.publishing(), staging.publishing());
        assertEquals("kube9-charts-staging", staging.stackName());
        assertEquals(Optional.empty(), staging.stagedCutover(), "a new name: owned from the start");
        assertEquals(List.of("charts-staging.kube9.io"), staging.distributionAliases());
    }

    @Test
    void overlayMergesNestedKeysAndAddsTags() throws IOException {
        ChartHostingConfig config = load("""
                certificate:
                  existingArn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
                github:
                  createOidcProvider: true
                tags:
                  cost-center: oss
                """);

        assertEquals(Optional.of("arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"),
                config.certificate().existing());
        assertEquals("*.kube9.io", config.certificate().domainName());
        assertTrue(config.github().createOidcProvider());
        assertEquals("alto9/kube9-charts", config.github().repository());
        assertEquals("oss", config.tags().get("cost-center"));
        assertEquals("kube9", config.tags().get("project"));
    }

    // --- the file itself ---

    @Test
    void missingOverlayFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertProblems(() -> ConfigLoader.load(missing), missing
                + ": the configuration file does not exist. Fix: pass the path of a YAML overlay file, such as config/staging.yaml.");
    }

    @Test
    void malformedYamlNamesTheLine() throws IOException {
        assertRule("environment: staging\nrepository: [unclosed\n", "%s: is not valid YAML at line 3, column 1: expected ',' or ']',"
                + " but got <stream end>. Fix: correct the YAML syntax.");
    }

    @Test
    void duplicateKeyIsRejected() throws IOException {
        Path file = write("environment: staging\nenvironment: test\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.problems().get(0).startsWith(file + ": is not valid YAML at line 2, column 12: Duplicate field 'environment'"),
                e.problems().get(0));
    }

    @Test
    void overlayThatIsNotAMappingIsRejected() throws IOException {
        assertRule("- environment: staging\n", "%s: must be a YAML mapping of settings to override. Fix: write keys such as"
                + " 'environment: staging' (see config/staging.yaml).");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        assertRule("enviroment: staging\n", "%s: enviroment: unknown key. Fix: remove it or correct its spelling; known keys are"
                + " environment, repository, cutover, certificate, bucket, cdn, github, publishing, oci, statistics, alerts, stateBackend,"
                + " tags.");
    }

    @Test
    void unknownNestedKeysAreAllReported() throws IOException {
        Path file = write("cdn:\n  pricClass: PriceClass_All\ngithub:\n  repo: a/b\n");
        assertProblems(() -> ConfigLoader.load(file),
                file + ": cdn.pricClass: unknown key. Fix: remove it or correct its spelling; known keys under 'cdn' are"
                        + " priceClass, chartMaxTtlSeconds, indexMaxTtlSeconds, accessLogExpirationDays.",
                file + ": github.repo: unknown key. Fix: remove it or correct its spelling; known keys under 'github' are"
                        + " repository, deployEnvironment, createOidcProvider.");
    }

    @Test
    void sectionReplacedByAScalar() throws IOException {
        assertRule("repository: charts.example.org\n", "%s: repository: must be a mapping, not the value 'charts.example.org'."
                + " Fix: override its keys one by one (domain, hostedZone).");
    }

    @Test
    void ttlThatIsNotANumber() throws IOException {
        assertRule("cdn:\n  indexMaxTtlSeconds: 5m\n", "%s: cdn.indexMaxTtlSeconds: must be a whole number. Fix: write the value"
                + " without quotes or units, like the default in io/kube9/charts/config/defaults.yaml.");
    }

    @Test
    void flagThatIsNotABoolean() throws IOException {
        assertRule("github:\n  createOidcProvider: sometimes\n", "%s: github.createOidcProvider: must be true or false. Fix: write"
                + " the value without quotes or units, like the default in io/kube9/charts/config/defaults.yaml.");
    }

    @Test
    void nullNumberIsRequired() throws IOException {
        assertRule("cdn:\n  indexMaxTtlSeconds: null\n", "%s: cdn.indexMaxTtlSeconds: must be a whole number. Fix: write the value"
                + " without quotes or units, like the default in io/kube9/charts/config/defaults.yaml.");
    }

    // --- the rules ---

    @Test
    void requiredValueSetToNull() throws IOException {
        assertRule("github:\n  repository: null\n",
                "%s: github.repository: is required. Fix: set a value, or remove the override so the default applies.");
    }

    @Test
    void environmentName() throws IOException {
        assertRule("environment: Prod_1\n", "%s: environment: 'Prod_1' must be 1-20 lowercase letters, digits or '-', starting"
                + " with a letter (it becomes part of the stack name kube9-charts-<environment>). Fix: use a name such as 'staging'.");
    }

    @Test
    void repositoryDomainMustBeADnsName() throws IOException {
        assertRule("repository:\n  domain: https://charts.kube9.io\n", "%s: repository.domain: 'https://charts.kube9.io' is not a"
                + " lowercase DNS name. Fix: use a name such as 'charts.kube9.io' (no scheme, no trailing dot).");
    }

    @Test
    void repositoryDomainOutsideItsZone() throws IOException {
        assertRule("repository:\n  domain: charts.example.org\n", "%s: repository.domain: 'charts.example.org' is not inside"
                        + " hostedZone 'kube9.io', so no record can be created for it. Fix: use a name that ends in '.kube9.io',"
                        + " or set repository.hostedZone to the Route53 zone that holds it.",
                "%s: certificate.domainName: '*.kube9.io' does not cover repository.domain 'charts.example.org'."
                        + " Fix: use '*.example.org' or 'charts.example.org'.");
    }

    @Test
    void zoneChangeAloneIsBlamedOnTheOverlay() throws IOException {
        assertRule("repository:\n  hostedZone: example.org\n", "%s: repository.domain: 'charts.kube9.io' is not inside hostedZone"
                        + " 'example.org', so no record can be created for it. Fix: use a name that ends in '.example.org', or set"
                        + " repository.hostedZone to the Route53 zone that holds it.",
                "%s: certificate.domainName: '*.kube9.io' is not inside hostedZone 'example.org', so its DNS validation records"
                        + " cannot be created. Fix: use a name inside 'example.org', or set certificate.existingArn to an issued"
                        + " certificate.");
    }

    @Test
    void certificateMustCoverTheRepositoryDomain() throws IOException {
        assertRule("certificate:\n  domainName: \"*.charts.kube9.io\"\n", "%s: certificate.domainName: '*.charts.kube9.io' does"
                + " not cover repository.domain 'charts.kube9.io'. Fix: use '*.kube9.io' or 'charts.kube9.io'.");
    }

    @Test
    void certificateNameMustBeADnsName() throws IOException {
        assertRule("certificate:\n  domainName: \"kube9 io\"\n", "%s: certificate.domainName: 'kube9 io' is not a DNS name or a"
                + " '*.' wildcard of one. Fix: use a name such as '*.kube9.io'.");
    }

    @Test
    void certificateRegionMustBeUsEast1() throws IOException {
        assertRule("certificate:\n  region: eu-west-1\n", "%s: certificate.region: 'eu-west-1' cannot be used: CloudFront only"
                + " accepts ACM certificates from us-east-1. Fix: set certificate.region to 'us-east-1'.");
    }

    @Test
    void existingCertificateArnMustBeAnAcmArnInUsEast1() throws IOException {
        assertRule("certificate:\n  existingArn: arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n",
                "%s: certificate.existingArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'"
                        + " is not an ACM certificate ARN in us-east-1. Fix: use the form 'arn:aws:acm:us-east-1:<12-digit"
                        + " account>:certificate/<uuid>', or null to request a certificate.");
    }

    @Test
    void bucketNameRules() throws IOException {
        assertRule("bucket:\n  name: Charts.Kube9\n", "%s: bucket.name: 'Charts.Kube9' is not a valid bucket name: 3-58 lowercase"
                + " letters, digits or '-' (the access-log bucket is '<name>-logs'). Fix: use a name such as 'kube9-charts-staging'"
                + " (no dots, no uppercase).");
    }

    @Test
    void bucketNameLeavesRoomForTheLogBucket() throws IOException {
        String name = "a".repeat(59);
        assertRule("bucket:\n  name: " + name + "\n", "%s: bucket.name: '" + name + "' is not a valid bucket name: 3-58 lowercase"
                + " letters, digits or '-' (the access-log bucket is '<name>-logs'). Fix: use a name such as 'kube9-charts-staging'"
                + " (no dots, no uppercase).");
    }

    @Test
    void statisticsSettingsAreRangeChecked() throws IOException {
        assertRule("statistics:\n  logRetentionDays: 0\n  queryResultRetentionDays: 400\n  bytesScannedCutoffPerQuery: 1000\n",
                "%s: statistics.logRetentionDays: 0 is out of range: days CloudFront request logs (with client addresses) are kept"
                        + " for the statistics. Fix: use a value from 1 to 3650.",
                "%s: statistics.queryResultRetentionDays: 400 is out of range: days Athena query results are kept. Fix: use a"
                        + " value from 1 to 365.",
                "%s: statistics.bytesScannedCutoffPerQuery: 1000 is out of range: bytes an Athena query may scan before it is"
                        + " cancelled (Athena's minimum is 10 MB; 10 GiB is 10737418240). Fix: use a value from 10485760 to"
                        + " 1099511627776.");
    }

    @Test
    void bucketNameLeavesRoomForTheStatisticsBuckets() throws IOException {
        String name = "kube9-charts-" + "a".repeat(37);
        assertRule("bucket:\n  name: " + name + "\n", "%s: bucket.name: '" + name + "' is too long for the statistics buckets '"
                + name + "-query-results' and '" + name + "-request-logs' (at most 63 characters). Fix: use a name of at most 49"
                + " characters, or set statistics.enabled to false.");
    }

    @Test
    void disabledStatisticsNeedNoRoomForTheirBucketsAndIgnoreTheirSettings() throws IOException {
        String name = "kube9-charts-" + "a".repeat(37);
        ChartHostingConfig config = load("bucket:\n  name: " + name + "\nstatistics:\n  enabled: false\n  logRetentionDays: 0\n");
        assertEquals(name, config.bucket().name());
        assertFalse(config.statistics().enabled());
    }

    @Test
    void bucketNameCarriesTheProjectPrefixTheDeployRoleIsScopedTo() throws IOException {
        assertRule("bucket:\n  name: charts-staging\n", "%s: bucket.name: 'charts-staging' must start with 'kube9-charts-': the CI"
                + " deploy role may only manage buckets named kube9-charts-*. Fix: use a name such as 'kube9-charts-staging'.");
    }

    @Test
    void stateKeyOutsideTheBootstrapFolder() throws IOException {
        assertRule("stateBackend:\n  key: bootstrap/terraform.tfstate\n", "%s: stateBackend.key: 'bootstrap/terraform.tfstate'"
                + " must sit in a folder other than 'bootstrap/': CI roles are scoped to that folder, and the bootstrap stack's"
                + " state stays out of their reach. Fix: use a key such as 'charts/staging/terraform.tfstate'.");
    }

    @Test
    void stateKeyInAFolder() throws IOException {
        assertRule("stateBackend:\n  key: terraform.tfstate\n", "%s: stateBackend.key: 'terraform.tfstate' must sit in a folder"
                + " other than 'bootstrap/': CI roles are scoped to that folder, and the bootstrap stack's state stays out of"
                + " their reach. Fix: use a key such as 'charts/staging/terraform.tfstate'.");
    }

    @Test
    void chartBucketMustNotBeTheStateBucket() throws IOException {
        assertRule("bucket:\n  name: kube9-charts-terraform-state\n", "%s: bucket.name: 'kube9-charts-terraform-state' is also"
                + " stateBackend.bucket; chart objects and Terraform state must not share a bucket. Fix: give the chart bucket its"
                + " own name.");
    }

    @Test
    void bucketRegionMustBeARegion() throws IOException {
        assertRule("bucket:\n  region: us-east\n",
                "%s: bucket.region: 'us-east' is not an AWS region. Fix: use a region code such as 'us-east-1'.");
    }

    @Test
    void noncurrentVersionExpirationInRange() throws IOException {
        assertRule("bucket:\n  noncurrentVersionExpirationDays: 0\n", "%s: bucket.noncurrentVersionExpirationDays: 0 is out of"
                + " range: days a replaced or deleted object version is kept for recovery. Fix: use a value from 1 to 3650.");
    }

    @Test
    void priceClassMustBeKnown() throws IOException {
        assertRule("cdn:\n  priceClass: PriceClass_50\n", "%s: cdn.priceClass: 'PriceClass_50' is not a CloudFront price class."
                + " Fix: use one of PriceClass_100, PriceClass_200, PriceClass_All.");
    }

    @Test
    void indexTtlAtMostFiveMinutes() throws IOException {
        assertRule("cdn:\n  indexMaxTtlSeconds: 3600\n", "%s: cdn.indexMaxTtlSeconds: 3600 is out of range: seconds index.yaml may"
                + " stay at the edge (at most 5 minutes, so a release shows up quickly). Fix: use a value from 1 to 300.");
    }

    @Test
    void chartTtlAtMostOneYear() throws IOException {
        assertRule("cdn:\n  chartMaxTtlSeconds: 63072000\n", "%s: cdn.chartMaxTtlSeconds: 63072000 is out of range: seconds a chart"
                + " package may stay at the edge (packages are immutable; one year is 31536000). Fix: use a value from 86400 to"
                + " 31536000.");
    }

    @Test
    void accessLogExpirationInRange() throws IOException {
        assertRule("cdn:\n  accessLogExpirationDays: 4000\n", "%s: cdn.accessLogExpirationDays: 4000 is out of range: days"
                + " CloudFront access logs are kept. Fix: use a value from 1 to 3650.");
    }

    @Test
    void githubRepositoryMustBeOwnerSlashRepo() throws IOException {
        assertRule("github:\n  repository: https://github.com/alto9/kube9-charts\n", "%s: github.repository:"
                + " 'https://github.com/alto9/kube9-charts' is not a GitHub 'owner/repo'. Fix: use the form 'alto9/kube9-charts'"
                + " (owner: letters, digits, '-'; repo: letters, digits, '.', '_', '-').");
    }

    @Test
    void deployEnvironmentName() throws IOException {
        assertRule("github:\n  deployEnvironment: \"prod env\"\n", "%s: github.deployEnvironment: 'prod env' is not a usable GitHub"
                + " environment name. Fix: use 1-64 letters, digits, '_', '.' or '-', such as 'production'.");
    }

    @Test
    void stateBucketName() throws IOException {
        assertRule("stateBackend:\n  bucket: my_state\n", "%s: stateBackend.bucket: 'my_state' is not a valid bucket name: 3-63"
                + " lowercase letters, digits or '-'. Fix: use a name such as 'kube9-charts-staging' (no dots, no uppercase).");
    }

    @Test
    void stateKeyMustBeARelativeTfstateKey() throws IOException {
        assertRule("stateBackend:\n  key: /charts/state.json\n", "%s: stateBackend.key: '/charts/state.json' is not a state object"
                + " key. Fix: use a relative key ending in '.tfstate', such as 'charts/production/terraform.tfstate'.");
    }

    @Test
    void stateRegionMustBeARegion() throws IOException {
        assertRule("stateBackend:\n  region: virginia\n",
                "%s: stateBackend.region: 'virginia' is not an AWS region. Fix: use a region code such as 'us-east-1'.");
    }

    @Test
    void environmentTagIsReserved() throws IOException {
        assertRule("tags:\n  environment: prod\n", "%s: tags.environment: is set from the top-level 'environment' key. Fix: remove"
                + " tags.environment and set environment instead.");
    }

    @Test
    void awsTagPrefixIsRejected() throws IOException {
        assertRule("tags:\n  \"aws:owner\": me\n", "%s: tags.aws:owner: is not an allowed tag key (at most 128 characters, not"
                + " starting with 'aws:'). Fix: rename the tag.");
    }

    @Test
    void tagNeedsAValue() throws IOException {
        assertRule("tags:\n  owner: null\n", "%s: tags.owner: needs a value of at most 256 characters. Fix: give the tag a value,"
                + " or remove it.");
    }

    @Test
    void severalProblemsAreReportedTogether() throws IOException {
        Path file = write("environment: Prod\ncdn:\n  priceClass: cheap\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("Invalid configuration (2 problems):\n"
                + "  - " + file + ": environment: 'Prod' must be 1-20 lowercase letters, digits or '-', starting with a letter (it"
                + " becomes part of the stack name kube9-charts-<environment>). Fix: use a name such as 'staging'.\n"
                + "  - " + file + ": cdn.priceClass: 'cheap' is not a CloudFront price class. Fix: use one of PriceClass_100,"
                + " PriceClass_200, PriceClass_All.", e.getMessage());
    }

    // --- cutover (taking over a name another distribution serves) ---

    @Test
    void liveStageClaimsTheRepositoryNameAndKeepsTheStagingName() throws IOException {
        ChartHostingConfig config = load("""
                cutover:
                  stage: live
                  stagingDomain: charts-next.kube9.io
                  legacyDistributionDomain: d111111abcdef8.cloudfront.net
                """);

        CutoverConfig cutover = config.stagedCutover().orElseThrow();
        assertTrue(cutover.live());
        assertEquals(Optional.of("d111111abcdef8.cloudfront.net"), cutover.legacyDistribution());
        assertEquals(List.of("charts.kube9.io", "charts-next.kube9.io"), config.distributionAliases());
    }

    @Test
    void parallelStageServesOnlyTheStagingName() throws IOException {
        ChartHostingConfig config = load("cutover:\n  stagingDomain: charts-next.kube9.io\n");

        assertEquals(List.of("charts-next.kube9.io"), config.distributionAliases());
    }

    @Test
    void cutoverStageMustBeKnown() throws IOException {
        assertRule("cutover:\n  stage: switched\n", "%s: cutover.stage: 'switched' is not a cutover stage. Fix: use 'parallel' (the"
                + " legacy distribution keeps repository.domain) or 'live' (this stack's distribution holds it), or write"
                + " 'cutover: null' if no other system serves the name.");
    }

    @Test
    void cutoverReplacedByAScalarNamesTheWayToRemoveIt() throws IOException {
        assertRule("cutover: live\n", "%s: cutover: must be a mapping, not the value 'live'. Fix: override its keys one by one"
                + " (stage, stagingDomain, legacyDistributionDomain), or write 'cutover: null' to remove it.");
    }

    @Test
    void unknownCutoverKey() throws IOException {
        assertRule("cutover:\n  legacyDistribution: d111111abcdef8.cloudfront.net\n", "%s: cutover.legacyDistribution: unknown key."
                + " Fix: remove it or correct its spelling; known keys under 'cutover' are stage, stagingDomain,"
                + " legacyDistributionDomain.");
    }

    @Test
    void stagingDomainMustBeADnsName() throws IOException {
        assertRule("cutover:\n  stagingDomain: Charts-Next.kube9.io\n", "%s: cutover.stagingDomain: 'Charts-Next.kube9.io' is not a"
                + " lowercase DNS name. Fix: use a name such as 'charts.kube9.io' (no scheme, no trailing dot).");
    }

    @Test
    void stagingDomainIsASecondName() throws IOException {
        assertRule("cutover:\n  stagingDomain: charts.kube9.io\n", "%s: cutover.stagingDomain: 'charts.kube9.io' is"
                + " repository.domain itself; the staging name is a second name served before the cutover. Fix: use another"
                + " name, such as 'charts-next.kube9.io', or null.");
    }

    @Test
    void stagingDomainInsideTheZone() throws IOException {
        assertRule("cutover:\n  stagingDomain: charts.example.org\n", "%s: cutover.stagingDomain: 'charts.example.org' is not"
                + " inside hostedZone 'kube9.io', so no record can be created for it. Fix: use a name that ends in '.kube9.io'.");
    }

    @Test
    void stagingDomainCoveredByTheCertificate() throws IOException {
        assertRule("cutover:\n  stagingDomain: next.charts.kube9.io\n", "%s: cutover.stagingDomain: 'next.charts.kube9.io' is"
                + " not covered by certificate.domainName '*.kube9.io', so CloudFront refuses it as an alternate domain name."
                + " Fix: use a name the certificate covers, or set certificate.domainName to a wildcard that covers both names.");
    }

    @Test
    void legacyDistributionDomainIsACloudFrontName() throws IOException {
        assertRule("cutover:\n  legacyDistributionDomain: https://d111111abcdef8.cloudfront.net\n", "%s:"
                + " cutover.legacyDistributionDomain: 'https://d111111abcdef8.cloudfront.net' is not a CloudFront distribution"
                + " domain name. Fix: use the legacy distribution's own name, such as 'd111111abcdef8.cloudfront.net' (aws"
                + " cloudfront get-distribution --id <ID> --query Distribution.DomainName), or null.");
    }

    @Test
    void productionHasAReplicaInAnotherRegionAndAlarmsWithoutSubscribers() {
        ChartHostingConfig production = ConfigLoader.defaults();
        assertEquals(Optional.of("us-west-2"), production.bucket().replicaRegion());
        assertEquals("kube9-charts-production-replica", production.bucket().replicaBucketName());
        AlertsConfig alerts = production.alerts();
        assertEquals(List.of(), alerts.emails());
        assertEquals(new AlertsConfig.ErrorRateAlarm(5, 300, 2), alerts.serverErrors());
        assertEquals(new AlertsConfig.ErrorRateAlarm(40, 900, 2), alerts.clientErrors());
        assertEquals(List.of(30, 3, 2), List.of(alerts.healthCheckIntervalSeconds(), alerts.healthCheckFailureThreshold(),
                alerts.healthCheckEvaluationPeriods()));
        assertEquals(false, alerts.additionalMetrics());
    }

    @Test
    void replicaCanBeTurnedOffAndEmailsAreAList() throws IOException {
        ChartHostingConfig config = load("bucket:\n  replica: null\nalerts:\n  emails: [ops@kube9.io, oncall@kube9.io]\n");
        assertEquals(Optional.empty(), config.bucket().replicaRegion());
        assertEquals(List.of("ops@kube9.io", "oncall@kube9.io"), config.alerts().emails());
        assertEquals(Optional.empty(), ConfigLoader.load(Path.of("config/staging.yaml")).bucket().replicaRegion());
    }

    @Test
    void replicaMustBeAnotherRegion() throws IOException {
        assertRule("bucket:\n  replica: us-east-1\n", "%s: bucket.replica: 'us-east-1' is also bucket.region; a replica in the same"
                + " region fails with the primary. Fix: use another region, such as 'us-west-2' for 'us-east-1', or null for no replica.");
        assertRule("bucket:\n  replica: Oregon\n", "%s: bucket.replica: 'Oregon' is not an AWS region. Fix: use a region code"
                + " such as 'us-east-1'.");
    }

    /** The region rule reads bucket.region too: an overlay that moves the primary onto the default replica region is blamed. */
    @Test
    void movingThePrimaryOntoTheReplicaRegionBlamesTheOverlay() throws IOException {
        assertRule("bucket:\n  region: us-west-2\n", "%s: bucket.replica: 'us-west-2' is also bucket.region; a replica in the same"
                + " region fails with the primary. Fix: use another region, such as 'us-west-2' for 'us-east-1', or null for no replica.");
    }

    /** Without statistics, whose buckets' longer suffixes have a rule of their own. */
    @Test
    void replicaBucketNameMustFitS3() throws IOException {
        String name = "kube9-charts-" + "a".repeat(43);
        String withoutStatistics = "statistics:\n  enabled: false\n";
        assertRule(withoutStatistics + "bucket:\n  name: " + name + "\n", "%s: bucket.replica: the replica bucket '" + name
                + "-replica' would be longer than S3's 63 characters. Fix: shorten bucket.name to at most 55 characters, or set"
                + " bucket.replica to null.");
        assertEquals(Optional.empty(), load(withoutStatistics + "bucket:\n  name: " + name + "\n  replica: null\n").bucket().replicaRegion());
    }

    @Test
    void alertRules() throws IOException {
        assertRule("alerts:\n  emails: [ops@kube9.io, not-an-address, OPS@kube9.io]\n",
                "%s: alerts.emails[1]: 'not-an-address' is not an email address. Fix: write an address such as 'ops@kube9.io'.",
                "%s: alerts.emails[2]: 'OPS@kube9.io' is listed twice. Fix: list each address once.");
        assertRule("alerts:\n  serverErrorRatePercent: 0\n  clientErrorPeriodSeconds: 90\n  healthCheckIntervalSeconds: 20\n",
                "%s: alerts.serverErrorRatePercent: 0 is out of range: percent of requests answered with an error. Fix: use a"
                        + " value from 1 to 100.",
                "%s: alerts.clientErrorPeriodSeconds: 90 is not a whole number of minutes (CloudFront reports once a minute). Fix:"
                        + " use a multiple of 60, such as 300.",
                "%s: alerts.healthCheckIntervalSeconds: 20 is not a Route 53 request interval. Fix: use 30 (standard) or 10"
                        + " (fast, billed extra).");
        assertRule("alerts:\n  emails: ops@kube9.io\n", "%s: alerts.emails: must be a list (such as [a, b]). Fix: write the value"
                + " without quotes or units, like the default in io/kube9/charts/config/defaults.yaml.");
    }

    private ChartHostingConfig load(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("overlay.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Each expected message has a %s where the overlay file's path goes. */
    private void assertRule(String yaml, String... expected) throws IOException {
        Path file = write(yaml);
        assertProblems(() -> ConfigLoader.load(file),
                java.util.Arrays.stream(expected).map(m -> m.formatted(file)).toArray(String[]::new));
    }

    private static void assertProblems(org.junit.jupiter.api.function.Executable load, String... expected) {
        ConfigException e = assertThrows(ConfigException.class, load);
        assertEquals(List.of(expected), e.problems());
    }
}
