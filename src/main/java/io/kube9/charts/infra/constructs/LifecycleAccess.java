package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.assumeFromWorkflow;
import static io.kube9.charts.infra.constructs.PolicyStatements.invalidateChartCdn;
import static io.kube9.charts.infra.constructs.PolicyStatements.listChartBucket;

import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import java.util.List;
import software.constructs.Construct;

/**
 * The role of the chart lifecycle workflow (yank, unyank, deprecate; manually dispatched in the protected deploy
 * environment). It rewrites the index, the landing page and the lifecycle ledger, reads packages (unyank checks a
 * package's digest, {@code deprecate --undo} reads each package's own Chart.yaml), lists the bucket and invalidates
 * the distribution; it cannot write any package or provenance file. Its trust names its own workflow file
 * ({@code job_workflow_ref}), because the deploy workflow runs in the same environment and so carries the same
 * {@code sub}: neither can assume the other's role.
 */
public final class LifecycleAccess extends Construct {
    /** The workflow file in this hosting project, on main. */
    public static final String WORKFLOW = ".github/workflows/chart-lifecycle.yml";
    /** Every object the lifecycle commands write. */
    public static final List<String> WRITTEN_OBJECTS = List.of("index.yaml", "index.html", "lifecycle.json");

    /**
     * @param environmentSubject the OIDC {@code sub} of jobs in the deploy environment, e.g. {@code repo:o/r:environment:production}
     * @param jobWorkflowRef     the {@code job_workflow_ref} of {@link #WORKFLOW} on main
     */
    public record Props(String roleName, String environmentSubject, String jobWorkflowRef, String oidcProviderArn,
                        String permissionsBoundaryArn, String bucketArn, String distributionArn) {}

    private final IamRole role;

    public LifecycleAccess(Construct scope, String id, Props props) {
        super(scope, id);
        role = BoundedGithubRole.create(this, new BoundedGithubRole.Props(props.roleName(),
                "Yanks, unyanks and deprecates charts for " + props.jobWorkflowRef(),
                assumeFromWorkflow("LifecycleWorkflowInTheDeployEnvironment", props.oidcProviderArn(), props.environmentSubject(),
                        props.jobWorkflowRef()),
                "chart-lifecycle",
                List.of(allow("ReadWriteIndexPageAndLedger", List.of("s3:GetObject", "s3:PutObject"),
                                WRITTEN_OBJECTS.stream().map((props.bucketArn() + "/")::concat).toList()),
                        allow("ReadPackages", List.of("s3:GetObject"), List.of(props.bucketArn() + "/*.tgz")),
                        listChartBucket(props.bucketArn()),
                        invalidateChartCdn(props.distributionArn())),
                props.permissionsBoundaryArn()));
    }

    public String roleArn() {
        return role.getArn();
    }
}
