package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.assumeFromWorkflow;

import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import java.util.List;
import software.constructs.Construct;

/**
 * The read-only role of the repository monitor workflow, which compares the chart bucket with its replica: it reads
 * objects and lists both buckets, and can change nothing. Only that workflow file on main can assume it.
 */
public final class MonitorAccess extends Construct {
    /** The workflow file in this hosting project, on main. */
    public static final String WORKFLOW = ".github/workflows/repository-monitor.yml";
    /** Everything the role may do. */
    public static final List<String> ACTIONS = List.of("s3:GetObject", "s3:ListBucket");

    /**
     * @param mainSubject    the OIDC {@code sub} of this project's runs on main, e.g. {@code repo:o/r:ref:refs/heads/main}
     * @param jobWorkflowRef the {@code job_workflow_ref} of {@link #WORKFLOW} on main
     * @param bucketArns     the chart bucket and, when there is one, its replica
     */
    public record Props(String roleName, String mainSubject, String jobWorkflowRef, String oidcProviderArn,
                        String permissionsBoundaryArn, List<String> bucketArns) {}

    private final IamRole role;

    public MonitorAccess(Construct scope, String id, Props props) {
        super(scope, id);
        role = BoundedGithubRole.create(this, new BoundedGithubRole.Props(props.roleName(),
                "Reads the chart bucket and its replica for " + props.jobWorkflowRef(),
                assumeFromWorkflow("MonitorWorkflowOnMain", props.oidcProviderArn(), props.mainSubject(), props.jobWorkflowRef()),
                "repository-monitor",
                List.of(allow("ReadObjects", List.of("s3:GetObject"), props.bucketArns().stream().map(arn -> arn + "/*").toList()),
                        allow("ListBuckets", List.of("s3:ListBucket"), props.bucketArns())),
                props.permissionsBoundaryArn()));
    }

    public String roleArn() {
        return role.getArn();
    }
}
