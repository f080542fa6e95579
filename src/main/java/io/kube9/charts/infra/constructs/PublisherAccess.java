package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.allow;
import static io.kube9.charts.infra.constructs.PolicyStatements.assumeWithGithubOidc;

import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import java.util.List;
import software.constructs.Construct;

/**
 * The role GitHub Actions assumes to publish charts, through GitHub's OIDC identity provider (no
 * stored keys). Only the configured repository's release-tag runs can assume it, and it can do only
 * what publishing needs: read and write chart objects and the repository files in this bucket, list
 * this bucket, and create and read invalidations of this distribution. No delete, nothing else.
 */
public final class PublisherAccess extends Construct {
    /** Object keys the publisher writes: packages, provenance files and the repository files. */
    public static final List<String> PUBLISHED_OBJECT_PATTERNS =
            List.of("*.tgz", "*.prov", "index.yaml", "index.html", "artifacthub-repo.yml");

    /**
     * @param releaseSubject the OIDC {@code sub} allowed to assume the role, e.g. {@code repo:o/r:ref:refs/tags/v*}
     * @param createOidcProvider create the account's GitHub OIDC provider instead of looking it up
     */
    public record Props(String roleName, String releaseSubject, boolean createOidcProvider, String bucketArn,
                        String distributionArn) {}

    private final IamRole role;

    public PublisherAccess(Construct scope, String id, Props props) {
        super(scope, id);
        String providerArn = GithubOidcProvider.arn(this, "github-oidc-provider", props.createOidcProvider());
        DataAwsIamPolicyDocument trust = DataAwsIamPolicyDocument.Builder.create(this, "trust-policy")
                .statement(List.of(assumeWithGithubOidc("GitHubReleaseTagsOnly", providerArn, "StringLike",
                        List.of(props.releaseSubject()))))
                .build();
        role = IamRole.Builder.create(this, "role")
                .name(props.roleName())
                .description("Publishes Helm charts from GitHub release tags (" + props.releaseSubject() + ")")
                .assumeRolePolicy(trust.getJson())
                .maxSessionDuration(3600)
                .permissionsBoundary(PermissionsBoundary.arn(
                        DataAwsCallerIdentity.Builder.create(this, "account").build().getAccountId()))
                .build();
        DataAwsIamPolicyDocument permissions = DataAwsIamPolicyDocument.Builder.create(this, "permissions-policy")
                .statement(List.of(
                        allow("ReadWriteChartObjects", List.of("s3:GetObject", "s3:PutObject"),
                                PUBLISHED_OBJECT_PATTERNS.stream().map(pattern -> props.bucketArn() + "/" + pattern).toList()),
                        allow("ListChartBucket", List.of("s3:ListBucket"), List.of(props.bucketArn())),
                        allow("InvalidateChartCdn", List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"),
                                List.of(props.distributionArn()))))
                .build();
        IamRolePolicy.Builder.create(this, "permissions")
                .name("publish-charts")
                .role(role.getId())
                .policy(permissions.getJson())
                .build();
    }

    public String roleArn() {
        return role.getArn();
    }
}
