package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
import java.util.List;

/** IAM policy statement parts more than one construct uses (bucket policies, the CI and publisher roles). */
final class PolicyStatements {
    private PolicyStatements() {}

    /** Refuses every request to the bucket or its objects that does not arrive over TLS (FSBP S3.5). */
    static DataAwsIamPolicyDocumentStatement denyInsecureTransport(String bucketArn) {
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid("DenyInsecureTransport")
                .effect("Deny")
                .principals(List.of(anyone()))
                .actions(List.of("s3:*"))
                .resources(List.of(bucketArn, bucketArn + "/*"))
                .condition(List.of(condition("Bool", "aws:SecureTransport", "false")))
                .build();
    }

    static DataAwsIamPolicyDocumentStatementPrincipals anyone() {
        return DataAwsIamPolicyDocumentStatementPrincipals.builder().type("*").identifiers(List.of("*")).build();
    }

    static DataAwsIamPolicyDocumentStatementCondition condition(String test, String variable, String value) {
        return condition(test, variable, List.of(value));
    }

    static DataAwsIamPolicyDocumentStatementCondition condition(String test, String variable, List<String> values) {
        return DataAwsIamPolicyDocumentStatementCondition.builder().test(test).variable(variable).values(values).build();
    }

    static DataAwsIamPolicyDocumentStatement allow(String sid, List<String> actions, List<String> resources) {
        return statement("Allow", sid, actions, resources);
    }

    static DataAwsIamPolicyDocumentStatement deny(String sid, List<String> actions, List<String> resources) {
        return statement("Deny", sid, actions, resources);
    }

    private static DataAwsIamPolicyDocumentStatement statement(String effect, String sid, List<String> actions,
                                                               List<String> resources) {
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid).effect(effect).actions(actions).resources(resources).build();
    }

    /**
     * A role trust statement for GitHub Actions OIDC tokens: {@code aud} pinned to {@link GithubOidcProvider#AUDIENCE}
     * and {@code sub} matched by {@code subjectTest} (StringEquals or StringLike) against {@code subjects}.
     */
    static DataAwsIamPolicyDocumentStatement assumeWithGithubOidc(String sid, String providerArn, String subjectTest,
                                                                  List<String> subjects) {
        String keys = GithubOidcProvider.conditionKeyPrefix();
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid)
                .effect("Allow")
                .principals(List.of(DataAwsIamPolicyDocumentStatementPrincipals.builder()
                        .type("Federated").identifiers(List.of(providerArn)).build()))
                .actions(List.of("sts:AssumeRoleWithWebIdentity"))
                .condition(List.of(
                        condition("StringEquals", keys + ":aud", GithubOidcProvider.AUDIENCE),
                        condition(subjectTest, keys + ":sub", subjects)))
                .build();
    }
}
