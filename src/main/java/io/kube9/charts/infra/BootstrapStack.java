package io.kube9.charts.infra;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.data_aws_route53_zone.DataAwsRoute53Zone;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.infra.constructs.AwsProviders;
import io.kube9.charts.infra.constructs.CiAccess;
import io.kube9.charts.infra.constructs.GithubOidcProvider;
import io.kube9.charts.infra.constructs.StateBackend;
import io.kube9.charts.infra.constructs.StateBucket;
import java.util.List;
import software.constructs.Construct;

/**
 * What an administrator applies once per AWS account, before any CI run: the Terraform state bucket,
 * the account's GitHub OIDC provider and the CI plan and deploy roles. Its own state starts local and
 * is then migrated into the bucket it created (scripts/bootstrap.sh, docs/operations.md).
 */
public final class BootstrapStack extends TerraformStack {
    public static final String STACK_NAME = "kube9-charts-bootstrap";
    /** Every bucket and role of the chart stacks is named with this prefix; the deploy role is scoped to it. */
    public static final String PROJECT_PREFIX = "kube9-charts";
    public static final String STATE_KEY = "bootstrap/terraform.tfstate";
    static final int STATE_NONCURRENT_VERSION_DAYS = 90;

    public BootstrapStack(Construct scope, ChartHostingConfig config) {
        super(scope, STACK_NAME);
        if (!config.bucket().name().startsWith(PROJECT_PREFIX + "-")) {
            throw new IllegalArgumentException("bucket.name '" + config.bucket().name() + "' must start with '"
                    + PROJECT_PREFIX + "-': the CI deploy role may only manage buckets named " + PROJECT_PREFIX + "-*");
        }
        String region = config.stateBackend().region();
        new AwsProviders(this, "providers", new AwsProviders.Props(region, config.defaultTags()));
        new StateBackend(this, "state", new StateBackend.Props(config.stateBackend().bucket(), STATE_KEY, region));

        StateBucket stateBucket = new StateBucket(this, "state-bucket",
                new StateBucket.Props(config.stateBackend().bucket(), STATE_NONCURRENT_VERSION_DAYS));
        GithubOidcProvider oidc = new GithubOidcProvider(this, "github-oidc");
        DataAwsRoute53Zone zone = DataAwsRoute53Zone.Builder.create(this, "hosted-zone")
                .name(config.repository().hostedZone()).build();
        String domain = config.repository().domain();
        CiAccess ci = new CiAccess(this, "ci", new CiAccess.Props(
                oidc.arn(), config.github().repository(), config.github().deployEnvironment(), stateBucket.bucketArn(),
                chartStateKeyPrefix(config), PROJECT_PREFIX, config.certificate().region(), zone.getZoneId(),
                List.of(domain, "_*." + domain, "_*." + config.repository().hostedZone()),
                config.certificate().domainName()));

        output("state_bucket", stateBucket.bucketName(), "The S3 backend bucket of every stack");
        output("github_oidc_provider_arn", oidc.arn(), "The account's GitHub Actions OIDC identity provider");
        output("plan_role_arn", ci.planRoleArn(), "GitHub repository variable AWS_PLAN_ROLE_ARN");
        output("deploy_role_arn", ci.deployRoleArn(), "GitHub repository variable AWS_DEPLOY_ROLE_ARN");
    }

    /** The first path segment of the chart stack's state key ({@code charts/production/...} gives {@code charts/}). */
    static String chartStateKeyPrefix(ChartHostingConfig config) {
        String key = config.stateBackend().key();
        int slash = key.indexOf('/');
        if (slash <= 0 || key.startsWith(STATE_KEY.substring(0, STATE_KEY.indexOf('/') + 1))) {
            throw new IllegalArgumentException("stateBackend.key '" + key + "' must sit in a folder other than 'bootstrap/'"
                    + " (e.g. charts/production/terraform.tfstate): CI roles are scoped to that folder");
        }
        return key.substring(0, slash + 1);
    }

    private void output(String name, String value, String description) {
        TerraformOutput.Builder.create(this, name).value(value).description(description).build();
    }
}
