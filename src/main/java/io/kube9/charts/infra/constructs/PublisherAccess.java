package io.kube9.charts.infra.constructs;

import static io.kube9.charts.infra.constructs.PolicyStatements.condition;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
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
        String issuer = GithubOidcProvider.conditionKeyPrefix();
        DataAwsIamPolicyDocument trust = DataAwsIamPolicyDocument.Builder.create(this, "trust-policy")
                .statement(List.of(DataAwsIamPolicyDocumentStatement.builder()
                        .sid("GitHubReleaseTagsOnly")
                        .effect("Allow")
                        .principals(List.of(DataAwsIamPolicyDocumentStatementPrincipals.builder()
                                .type("Federated").identifiers(List.of(providerArn)).build()))
                        .actions(List.of("sts:AssumeRoleWithWebIdentity"))
                        .condition(List.of(
                                condition("StringEquals", issuer + ":aud", GithubOidcProvider.AUDIENCE),
                                condition("StringLike", issuer + ":sub", props.releaseSubject())))
                        .build()))
                .build();
        role = IamRole.Builder.create(this, "role")
                .name(props.roleName())
                .description("Publishes Helm charts from GitHub release tags (" + props.releaseSubject() + ")")
                .assumeRolePolicy(trust.getJson())
                .maxSessionDuration(3600)
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

    private static DataAwsIamPolicyDocumentStatement allow(String sid, List<String> actions, List<String> resources) {
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid).effect("Allow").actions(actions).resources(resources).build();
    }

    public String roleArn() {
        return role.getArn();
    }
}
