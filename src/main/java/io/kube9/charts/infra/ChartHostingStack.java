package io.kube9.charts.infra;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_route53_zone.DataAwsRoute53Zone;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.CutoverConfig;
import io.kube9.charts.config.GitHubConfig;
import io.kube9.charts.config.PublishingConfig;
import io.kube9.charts.config.PublishingRepository;
import io.kube9.charts.config.StatisticsNames;
import io.kube9.charts.infra.constructs.AccessLogBucket;
import io.kube9.charts.infra.constructs.AliasMoveRecord;
import io.kube9.charts.infra.constructs.AwsProviders;
import io.kube9.charts.infra.constructs.BucketReplication;
import io.kube9.charts.infra.constructs.ChartBucket;
import io.kube9.charts.infra.constructs.ChartBucketPolicy;
import io.kube9.charts.infra.constructs.ChartCdn;
import io.kube9.charts.infra.constructs.DownloadStatistics;
import io.kube9.charts.infra.constructs.EcrPublicChartRepositories;
import io.kube9.charts.infra.constructs.GithubOidcProvider;
import io.kube9.charts.infra.constructs.LifecycleAccess;
import io.kube9.charts.infra.constructs.MonitorAccess;
import io.kube9.charts.infra.constructs.PermissionsBoundary;
import io.kube9.charts.infra.constructs.PublisherAccess;
import io.kube9.charts.infra.constructs.RepositoryAlarms;
import io.kube9.charts.infra.constructs.RepositoryDomain;
import io.kube9.charts.infra.constructs.RepositoryDomain.Records;
import io.kube9.charts.infra.constructs.SiteCertificate;
import io.kube9.charts.infra.constructs.StatisticsAccess;
import io.kube9.charts.infra.constructs.StateBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The chart repository of one environment: a private bucket (and its replica in a second region) served by
 * CloudFront under the repository's name, the roles GitHub release and lifecycle runs change it with, the read-only
 * role of the repository monitor, alarms and an uptime probe, the download statistics (request logs, Glue table, Athena
 * workgroup and the stats role, with {@code statistics.enabled}), and (with {@code oci.target: ecr-public}) the ECR
 * Public repositories releases also push to.
 */
public final class ChartHostingStack extends TerraformStack {

    public ChartHostingStack(Construct scope, ChartHostingConfig config) {
        super(scope, config.stackName());
        AwsProviders providers = new AwsProviders(this, "providers",
                new AwsProviders.Props(config.bucket().region(), config.defaultTags()));
        new StateBackend(this, "state", new StateBackend.Props(
                config.stateBackend().bucket(), config.stateBackend().key(), config.stateBackend().region()));

        String zoneId = DataAwsRoute53Zone.Builder.create(this, "hosted-zone")
                .name(config.repository().hostedZone())
                .privateZone(false)
                .build().getZoneId();
        SiteCertificate certificate = new SiteCertificate(this, "certificate", new SiteCertificate.Props(
                config.certificate().domainName(), zoneId, config.certificate().existing(), providers.usEast1()));

        ChartBucket bucket = new ChartBucket(this, "chart-bucket",
                new ChartBucket.Props(config.bucket().name(), config.bucket().noncurrentVersionExpirationDays()));
        Optional<ChartBucket> replica = config.bucket().replicaRegion().map(region -> new ChartBucket(this, "replica-bucket",
                new ChartBucket.Props(config.bucket().replicaBucketName(), config.bucket().noncurrentVersionExpirationDays(),
                        Optional.of(providers.inRegion("replica", region)))));
        AccessLogBucket logs = new AccessLogBucket(this, "access-logs",
                new AccessLogBucket.Props(config.bucket().logBucketName(), config.cdn().accessLogExpirationDays()));
        boolean parallelStage = parallelStage(config);
        ChartCdn cdn = new ChartCdn(this, "cdn", new ChartCdn.Props(config.stackName(), config.repository().domain(),
                new ChartCdn.Viewers(config.distributionAliases(), parallelStage, certificate.arn(), config.cdn().priceClass()),
                new ChartCdn.Origins(bucket.regionalDomainName(), replica.map(ChartBucket::regionalDomainName)),
                new ChartCdn.Ttls(config.cdn().chartMaxTtlSeconds(), config.cdn().indexMaxTtlSeconds()), logs.domainName()));
        new ChartBucketPolicy(this, "chart-bucket-policy",
                new ChartBucketPolicy.Props(bucket.bucketId(), bucket.bucketArn(), cdn.distributionArn()));
        GithubTrust trust = githubTrust(config);
        replica.ifPresent(copy -> replicate(config, trust, bucket, copy, cdn));
        declareNames(config, zoneId, cdn);
        Optional<DownloadStatistics> statistics = config.statistics().enabled()
                ? Optional.of(new DownloadStatistics(this, "statistics", new DownloadStatistics.Props(StatisticsNames.of(config),
                        config.statistics(), config.bucket().region(), cdn.distributionId(), cdn.distributionArn(), providers.usEast1())))
                : Optional.empty();
        publishingAccess(config, providers, trust, bucket.bucketArn(), cdn.distributionArn(), statistics);
        watch(config, providers, trust, bucket, replica, cdn);

        StackOutput.declare(this, "repository_url", config.repositoryUrl(), "What `helm repo add` is given");
        StackOutput.declare(this, "bucket_name", bucket.bucketName(), "Chart bucket (publisher --bucket)");
        StackOutput.declare(this, "bucket_arn", bucket.bucketArn(), "Chart bucket ARN");
        StackOutput.declare(this, "access_log_bucket_name", logs.bucketName(), "CloudFront access logs");
        StackOutput.declare(this, "distribution_id", cdn.distributionId(), "CloudFront distribution (publisher --distribution-id)");
        StackOutput.declare(this, "distribution_domain_name", cdn.domainName(), "CloudFront domain the repository name aliases");
    }

    /** Whether the legacy distribution still holds the repository name. */
    private static boolean parallelStage(ChartHostingConfig config) {
        return config.stagedCutover().filter(cutover -> !cutover.live()).isPresent();
    }

    /** The account, its GitHub OIDC provider and the boundary every role of this stack carries. */
    private record GithubTrust(String account, String oidcProvider, String boundary) {}

    private GithubTrust githubTrust(ChartHostingConfig config) {
        String oidcProvider = GithubOidcProvider.arn(this, "github-oidc-provider", config.github().createOidcProvider());
        String account = DataAwsCallerIdentity.Builder.create(this, "iam-account").build().getAccountId();
        return new GithubTrust(account, oidcProvider, PermissionsBoundary.arn(account));
    }

    /** The replica: readable by this distribution only, like the chart bucket, and filled by S3 replication. */
    private void replicate(ChartHostingConfig config, GithubTrust trust, ChartBucket bucket, ChartBucket replica, ChartCdn cdn) {
        new ChartBucketPolicy(this, "replica-bucket-policy", new ChartBucketPolicy.Props(replica.bucketId(), replica.bucketArn(),
                cdn.distributionArn(), replica.provider()));
        new BucketReplication(this, "replication", new BucketReplication.Props(config.replicationRoleName(), bucket, replica,
                trust.boundary()));
        StackOutput.declare(this, "replica_bucket_name", replica.bucketName(), "Replica of the chart bucket (verify --replica)");
    }

    /**
     * Who may change the repository: one publisher role per publishing repository (its charts only, ECR Public
     * repositories included) and the lifecycle workflow's role, all trusted through the account's GitHub OIDC provider.
     */
    private void publishingAccess(ChartHostingConfig config, AwsProviders providers, GithubTrust trust, String bucketArn,
                                  String distributionArn, Optional<DownloadStatistics> statistics) {
        GitHubConfig github = config.github();
        String oidcProvider = trust.oidcProvider();
        String boundary = trust.boundary();
        Map<String, String> publisherOfChart = new LinkedHashMap<>();
        config.publishing().repositories().forEach(r -> r.charts().forEach(chart -> publisherOfChart.put(chart, r.repository())));
        Optional<EcrPublicChartRepositories> ecr = config.oci().ecrPublic()
                ? Optional.of(new EcrPublicChartRepositories(this, "oci-repositories", new EcrPublicChartRepositories.Props(
                        config.oci().ecrPublicAlias(), publisherOfChart, config.repositoryUrl(), providers.usEast1())))
                : Optional.empty();
        List<String> workflowRefs = config.publishing().workflowRefs().stream()
                .map(ref -> github.jobWorkflowRef(PublishingConfig.REUSABLE_WORKFLOW, ref)).toList();
        Map<String, String> publisherRoles = new LinkedHashMap<>();
        for (PublishingRepository publisher : config.publishing().repositories()) {
            List<String> ociArns = ecr.map(repositories -> publisher.charts().stream().map(repositories::arn).toList()).orElse(List.of());
            PublisherAccess access = new PublisherAccess(this, "publisher-" + publisher.repository().replace('/', '.'),
                    new PublisherAccess.Props(config.publisherRoleName(publisher), publisher.releaseTagSubject(), publisher.id(),
                            workflowRefs, publisher.charts(), oidcProvider, boundary, bucketArn, distributionArn, ociArns));
            publisherRoles.put(publisher.repository(), access.roleArn());
        }
        LifecycleAccess lifecycle = new LifecycleAccess(this, "lifecycle", new LifecycleAccess.Props(config.lifecycleRoleName(),
                github.deployEnvironmentSubject(), github.jobWorkflowRef(LifecycleAccess.WORKFLOW, GitHubConfig.MAIN), oidcProvider,
                boundary, bucketArn, distributionArn));
        statistics.ifPresent(stats -> declareStatistics(stats, stats.workflowRole(oidcProvider, boundary, github.mainBranchSubject(),
                github.jobWorkflowRef(StatisticsAccess.WORKFLOW, GitHubConfig.MAIN), bucketArn)));

        StackOutput.declare(this, "publisher_role_arns", publisherRoles,
                "Publisher role ARN by publishing repository (the caller's role-to-assume for publish-charts.yml)");
        StackOutput.declare(this, "lifecycle_role_arn", lifecycle.roleArn(), "Role for chart-lifecycle.yml (yank, unyank, deprecate)");
        StackOutput.declare(this, "oci_repository_url", config.oci().repositoryUrl().orElse(""),
                "publish --oci-repository (empty when oci.target is off)");
    }

    /** What the stats command and its workflow are given (docs/infrastructure.md, "Logging and statistics"). */
    private void declareStatistics(DownloadStatistics stats, StatisticsAccess access) {
        StackOutput.declare(this, "stats_role_arn", access.roleArn(), "Role for repository-stats.yml");
        StackOutput.declare(this, "stats_log_bucket_name", stats.logBucketName(), "CloudFront request logs (Parquet) and the stats cache");
        StackOutput.declare(this, "stats_log_prefix", stats.logObjectPrefix(), "The distribution's request logs in the log bucket");
        StackOutput.declare(this, "stats_glue_database", stats.glueDatabase(), "Glue database of the request log table");
        StackOutput.declare(this, "stats_glue_table", stats.glueTable(), "Glue table over the request logs");
        StackOutput.declare(this, "stats_athena_workgroup", stats.workgroupName(), "Athena workgroup of the statistics queries");
        StackOutput.declare(this, "stats_query_results_bucket_name", stats.resultsBucketName(), "Athena query results");
    }

    /**
     * Who hears of a failure and who may look: alarms and the index.yaml probe (of the name this distribution serves:
     * its CloudFront domain while the legacy distribution holds the repository name), and the read-only monitor role.
     */
    private void watch(ChartHostingConfig config, AwsProviders providers, GithubTrust trust, ChartBucket bucket,
                       Optional<ChartBucket> replica, ChartCdn cdn) {
        RepositoryAlarms alarms = new RepositoryAlarms(this, "alerts", new RepositoryAlarms.Props(config.stackName(),
                trust.account(), cdn.distributionId(), parallelStage(config) ? cdn.domainName() : config.repository().domain(),
                config.alerts(), providers.usEast1()));
        List<String> buckets = new ArrayList<>(List.of(bucket.bucketArn()));
        replica.ifPresent(copy -> buckets.add(copy.bucketArn()));
        GitHubConfig github = config.github();
        MonitorAccess monitor = new MonitorAccess(this, "monitor", new MonitorAccess.Props(config.monitorRoleName(),
                github.mainBranchSubject(), github.jobWorkflowRef(MonitorAccess.WORKFLOW, GitHubConfig.MAIN),
                trust.oidcProvider(), trust.boundary(), buckets));
        StackOutput.declare(this, "alerts_topic_arn", alarms.topicArn(), "SNS topic of the alarms (subscribe more endpoints here)");
        StackOutput.declare(this, "index_probe_health_check_id", alarms.healthCheckId(), "Route 53 health check of index.yaml");
        StackOutput.declare(this, "monitor_role_arn", monitor.roleArn(), "Read-only role for repository-monitor.yml");
    }

    /**
     * The repository's names in Route53 for the cutover stage (docs/infrastructure.md, "Taking over a live
     * name"): the repository name's A/AAAA only while this stack holds it (taking over the legacy records in
     * stage live; in stage parallel records left from a rolled-back live stage are forgotten, not deleted), the
     * staging name's, and the TXT record that lets CloudFront move the name between the distributions it lists.
     */
    private void declareNames(ChartHostingConfig config, String zoneId, ChartCdn cdn) {
        String domain = config.repository().domain();
        Optional<CutoverConfig> cutover = config.stagedCutover();
        Records liveName = cutover.map(stages -> stages.live() ? Records.TAKE_OVER : Records.LEAVE).orElse(Records.CREATE);
        new RepositoryDomain(this, "domain",
                new RepositoryDomain.Props(domain, zoneId, cdn.domainName(), cdn.hostedZoneId(), liveName));
        cutover.flatMap(CutoverConfig::staging).ifPresent(staging -> new RepositoryDomain(this, "staging-domain",
                new RepositoryDomain.Props(staging, zoneId, cdn.domainName(), cdn.hostedZoneId(), Records.CREATE)));
        cutover.ifPresent(stages -> {
            List<String> moveTargets = new ArrayList<>(List.of(cdn.domainName()));
            stages.legacyDistribution().ifPresent(moveTargets::add);
            new AliasMoveRecord(this, "alias-move", new AliasMoveRecord.Props(domain, zoneId, moveTargets));
        });
    }
}
