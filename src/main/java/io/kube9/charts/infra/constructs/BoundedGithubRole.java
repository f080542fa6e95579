package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import java.util.List;
import software.constructs.Construct;

/**
 * The role shape of the chart stack: GitHub Actions assume it through OIDC ({@code trust}), it carries the
 * {@link PermissionsBoundary} (without which the CI deploy role may not create it) and one inline policy, no
 * managed policies. Created in the caller's scope as {@code trust-policy}, {@code role}, {@code permissions-policy}
 * and {@code permissions}.
 */
final class BoundedGithubRole {
    record Props(String name, String description, DataAwsIamPolicyDocumentStatement trust, String policyName,
                 List<DataAwsIamPolicyDocumentStatement> permissions, String permissionsBoundaryArn) {}

    private BoundedGithubRole() {}

    static IamRole create(Construct scope, Props props) {
        DataAwsIamPolicyDocument trust = DataAwsIamPolicyDocument.Builder.create(scope, "trust-policy")
                .statement(List.of(props.trust()))
                .build();
        IamRole role = IamRole.Builder.create(scope, "role")
                .name(props.name())
                .description(props.description())
                .assumeRolePolicy(trust.getJson())
                .maxSessionDuration(3600)
                .permissionsBoundary(props.permissionsBoundaryArn())
                .build();
        DataAwsIamPolicyDocument permissions = DataAwsIamPolicyDocument.Builder.create(scope, "permissions-policy")
                .statement(props.permissions())
                .build();
        IamRolePolicy.Builder.create(scope, "permissions")
                .name(props.policyName())
                .role(role.getId())
                .policy(permissions.getJson())
                .build();
        return role;
    }
}
