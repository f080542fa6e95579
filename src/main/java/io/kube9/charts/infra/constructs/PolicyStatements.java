package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
import java.util.List;

/** IAM policy statement parts more than one construct uses (bucket policies, the publisher's trust policy). */
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
        return DataAwsIamPolicyDocumentStatementCondition.builder()
                .test(test).variable(variable).values(List.of(value)).build();
    }
}
