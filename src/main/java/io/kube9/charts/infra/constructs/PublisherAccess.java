package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.assumeWithGithubOidc;
import static io.kube9.charts.infra.constructs.PolicyStatements.claim;
import static io.kube9.charts.infra.constructs.PolicyStatements.invalidateChartCdn;
import static io.kube9.charts.infra.constructs.PolicyStatements.listChartBucket;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The role one publishing repository's releases assume, through GitHub's OIDC identity provider (no stored keys),
 * while running this project's reusable publish workflow. Only that repository's release tags, in that workflow at a
 * configured ref, can assume it, and it can do only what publishing its own charts needs: read and write those
 * charts' packages and provenance files and the shared repository files, read the lifecycle ledger, list the bucket,
 * invalidate the distribution and, with ECR Public, push to those charts' repositories. No delete, nothing else.
 */
public final class PublisherAccess extends Construct {
    /**
     * Repository files every publisher rewrites: index, landing page, every chart's page (the refresh renders them all
     * from the index, as it does the landing page), Artifact Hub metadata.
     */
    public static final List<String> REPOSITORY_FILES = List.of("index.yaml", "index.html", "charts/*/index.html", "artifacthub-repo.yml");
    /** Read but never written by publishers: the lifecycle ledger (a yanked version is refused, not re-published). */
    public static final List<String> READ_ONLY_FILES = List.of("lifecycle.json");

    /**
     * @param releaseSubject   the OIDC {@code sub} of the repository's release runs, e.g. {@code repo:o/r:ref:refs/tags/v*}
     * @param repositoryId     GitHub's numeric ID of that repository, when pinned
     * @param jobWorkflowRefs  the {@code job_workflow_ref} values of the reusable workflow at the allowed refs (StringLike:
     *                         a trailing '*' of a tag prefix such as {@code ...@refs/tags/v1.*} matches the release tags)
     * @param ociRepositoryArns the ECR Public repositories of its charts (empty when OCI is not ECR Public)
     */
    public record Props(String roleName, String releaseSubject, Optional<Long> repositoryId, List<String> jobWorkflowRefs, List<String> charts, String oidcProviderArn,
                        String permissionsBoundaryArn, String bucketArn, String distributionArn, List<String> ociRepositoryArns) {}

    private final IamRole role;

    public PublisherAccess(Construct scope, String id, Props props) {
        super(scope, id);
        role = BoundedGithubRole.create(this, new BoundedGithubRole.Props(props.roleName(),
                "Publishes the Helm charts " + String.join(", ", props.charts()) + " for OIDC subject " + props.releaseSubject(),
                assumeWithGithubOidc("ReleaseTagsThroughThePublishWorkflow", props.oidcProviderArn(), trust(props)),
                "publish-charts", permissions(props), props.permissionsBoundaryArn()));
    }

    /** The package and provenance keys of a chart; the '-' before the version keeps chart {@code a} from chart {@code ab}. */
    public static List<String> chartObjectPatterns(String chart) {
        return List.of(chart + "-*.tgz", chart + "-*.tgz.prov");
    }

    private static List<DataAwsIamPolicyDocumentStatementCondition> trust(Props props) {
        List<DataAwsIamPolicyDocumentStatementCondition> claims = new ArrayList<>(List.of(
                claim("StringLike", "sub", List.of(props.releaseSubject())),
                claim("StringLike", "job_workflow_ref", props.jobWorkflowRefs())));
        props.repositoryId().ifPresent(id -> claims.add(claim("StringEquals", "repository_id", List.of(id.toString()))));
        return claims;
    }

    private static List<DataAwsIamPolicyDocumentStatement> permissions(Props props) {
        String bucket = props.bucketArn() + "/";
        List<DataAwsIamPolicyDocumentStatement> statements = new ArrayList<>(List.of(
                allow("ReadWriteOwnChartPackages", List.of("s3:GetObject", "s3:PutObject"), props.charts().stream()
                        .flatMap(chart -> chartObjectPatterns(chart).stream()).map(bucket::concat).toList()),
                allow("ReadWriteRepositoryFiles", List.of("s3:GetObject", "s3:PutObject"),
                        REPOSITORY_FILES.stream().map(bucket::concat).toList()),
                allow("ReadLifecycleLedger", List.of("s3:GetObject"), READ_ONLY_FILES.stream().map(bucket::concat).toList()),
                listChartBucket(props.bucketArn()),
                invalidateChartCdn(props.distributionArn())));
        if (!props.ociRepositoryArns().isEmpty()) {
            statements.add(allow("PushOwnChartsToEcrPublic", EcrPublicChartRepositories.PUSH_ACTIONS, props.ociRepositoryArns()));
            statements.add(allow(EcrPublicChartRepositories.LOGIN_SID, EcrPublicChartRepositories.LOGIN_ACTIONS, List.of("*")));
        }
        return statements;
    }

    public String roleArn() {
        return role.getArn();
    }
}
