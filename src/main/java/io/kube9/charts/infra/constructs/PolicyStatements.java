package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
import java.util.ArrayList;
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

    /** An AWS service as the principal, e.g. {@code s3.amazonaws.com}. */
    static DataAwsIamPolicyDocumentStatementPrincipals service(String identifier) {
        return DataAwsIamPolicyDocumentStatementPrincipals.builder().type("Service").identifiers(List.of(identifier)).build();
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

    /** Listing makes a missing object a 404 rather than a 403 (the publisher tells absent from refused). */
    static DataAwsIamPolicyDocumentStatement listChartBucket(String bucketArn) {
        return allow("ListChartBucket", List.of("s3:ListBucket"), List.of(bucketArn));
    }

    static DataAwsIamPolicyDocumentStatement invalidateChartCdn(String distributionArn) {
        return allow("InvalidateChartCdn", List.of("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"),
                List.of(distributionArn));
    }

    private static DataAwsIamPolicyDocumentStatement statement(String effect, String sid, List<String> actions,
                                                               List<String> resources) {
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid).effect(effect).actions(actions).resources(resources).build();
    }

    /**
     * A role trust statement for GitHub Actions OIDC tokens: {@code aud} pinned to {@link GithubOidcProvider#AUDIENCE},
     * and every one of {@code claims} (built with {@link #claim}) required as well.
     */
    static DataAwsIamPolicyDocumentStatement assumeWithGithubOidc(String sid, String providerArn,
                                                                  List<DataAwsIamPolicyDocumentStatementCondition> claims) {
        List<DataAwsIamPolicyDocumentStatementCondition> conditions = new ArrayList<>();
        conditions.add(claim("StringEquals", "aud", List.of(GithubOidcProvider.AUDIENCE)));
        conditions.addAll(claims);
        return DataAwsIamPolicyDocumentStatement.builder()
                .sid(sid)
                .effect("Allow")
                .principals(List.of(DataAwsIamPolicyDocumentStatementPrincipals.builder()
                        .type("Federated").identifiers(List.of(providerArn)).build()))
                .actions(List.of("sts:AssumeRoleWithWebIdentity"))
                .condition(conditions)
                .build();
    }

    /** A role trust statement for one workflow file of this project ({@code jobWorkflowRef}) in jobs with {@code subject}. */
    static DataAwsIamPolicyDocumentStatement assumeFromWorkflow(String sid, String providerArn, String subject,
                                                                String jobWorkflowRef) {
        return assumeWithGithubOidc(sid, providerArn, List.of(
                claim("StringEquals", "sub", List.of(subject)),
                claim("StringEquals", "job_workflow_ref", List.of(jobWorkflowRef))));
    }

    /** A condition on a claim of the GitHub OIDC token, e.g. {@code token.actions.githubusercontent.com:sub}. */
    static DataAwsIamPolicyDocumentStatementCondition claim(String test, String claim, List<String> values) {
        return condition(test, GithubOidcProvider.conditionKeyPrefix() + ":" + claim, values);
    }
}
