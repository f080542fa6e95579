package io.kube9.charts.infra;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.data_aws_route53_zone.DataAwsRoute53Zone;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.CutoverConfig;
import io.kube9.charts.config.GitHubConfig;
import io.kube9.charts.infra.constructs.AwsProviders;
import io.kube9.charts.infra.constructs.CiAccess;
import io.kube9.charts.infra.constructs.GithubOidcProvider;
import io.kube9.charts.infra.constructs.PermissionsBoundary;
import io.kube9.charts.infra.constructs.StateBackend;
import io.kube9.charts.infra.constructs.StateBucket;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * What an administrator applies once per AWS account, before any CI run: the Terraform state bucket,
 * the account's GitHub OIDC provider and the CI plan and deploy roles. Its own state starts local and
 * is then migrated into the bucket it created (scripts/bootstrap.sh, docs/operations.md).
 */
public final class BootstrapStack extends TerraformStack {
    public static final String STACK_NAME = "kube9-charts-bootstrap";
    public static final String STATE_KEY = "bootstrap/terraform.tfstate";
    static final int STATE_NONCURRENT_VERSION_DAYS = 90;

    public BootstrapStack(Construct scope, ChartHostingConfig config) {
        super(scope, STACK_NAME);
        String region = config.stateBackend().region();
        new AwsProviders(this, "providers", new AwsProviders.Props(region, config.defaultTags()));
        new StateBackend(this, "state", new StateBackend.Props(config.stateBackend().bucket(), STATE_KEY, region));

        StateBucket stateBucket = new StateBucket(this, "state-bucket",
                new StateBucket.Props(config.stateBackend().bucket(), STATE_NONCURRENT_VERSION_DAYS));
        GithubOidcProvider oidc = new GithubOidcProvider(this, "github-oidc");
        boolean ecrPublic = config.oci().ecrPublic();
        new PermissionsBoundary(this, "permissions-boundary", new PermissionsBoundary.Props(ChartHostingConfig.NAME_PREFIX, ecrPublic,
                config.statistics().enabled()));
        DataAwsRoute53Zone zone = DataAwsRoute53Zone.Builder.create(this, "hosted-zone")
                .name(config.repository().hostedZone()).build();
        GitHubConfig github = config.github();
        CiAccess ci = new CiAccess(this, "ci", new CiAccess.Props(
                oidc.arn(), github.repository(), github.deployEnvironmentSubject(),
                List.of(github.jobWorkflowRef(CiAccess.PLAN_WORKFLOW, "*"), github.jobWorkflowRef(CiAccess.DRIFT_WORKFLOW, GitHubConfig.MAIN)),
                github.jobWorkflowRef(CiAccess.DEPLOY_WORKFLOW, GitHubConfig.MAIN), stateBucket.bucketArn(),
                chartStateKeyPrefix(config), ChartHostingConfig.NAME_PREFIX, config.certificate().region(), zone.getZoneId(),
                repositoryRecordNames(config),
                config.certificate().domainName(), ecrPublic, config.statistics().enabled()));

        StackOutput.declare(this, "state_bucket", stateBucket.bucketName(), "The S3 backend bucket of every stack");
        StackOutput.declare(this, "github_oidc_provider_arn", oidc.arn(), "The account's GitHub Actions OIDC identity provider");
        StackOutput.declare(this, "plan_role_arn", ci.planRoleArn(), "GitHub repository variable AWS_PLAN_ROLE_ARN");
        StackOutput.declare(this, "deploy_role_arn", ci.deployRoleArn(), "GitHub repository variable AWS_DEPLOY_ROLE_ARN");
    }

    /** Names the deploy role may change records of: the repository's, the staging name's, and {@code _*} ones (ACM, TXT). */
    private static List<String> repositoryRecordNames(ChartHostingConfig config) {
        String domain = config.repository().domain();
        List<String> names = new ArrayList<>(List.of(domain, "_*." + domain, "_*." + config.repository().hostedZone()));
        config.stagedCutover().flatMap(CutoverConfig::staging).ifPresent(names::add);
        return names;
    }

    /** The first path segment of the chart stack's state key ({@code charts/production/...} gives {@code charts/});
     *  ConfigValidator has already refused keys outside a folder or inside {@code bootstrap/}. */
    private static String chartStateKeyPrefix(ChartHostingConfig config) {
        String key = config.stateBackend().key();
        return key.substring(0, key.indexOf('/') + 1);
    }
}
