package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.conditions;
import static io.kube9.charts.infra.StackJson.principals;
import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Asserts a chart-stack role's trust: one statement, the account's GitHub OIDC provider, {@code aud}, {@code sub} and one workflow. */
final class WorkflowTrust {
    private static final String OIDC = "token.actions.githubusercontent.com";

    private WorkflowTrust() {}

    /** {@code trustDocument} is the construct path of the role's trust policy, e.g. {@code lifecycle/trust-policy}. */
    static void assertOnly(StackJson stack, String trustDocument, String sid, String subject, String jobWorkflowRef) {
        JsonNode trust = stack.statement(trustDocument, sid);
        assertEquals(1, stack.data("aws_iam_policy_document", trustDocument).path("statement").size());
        assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), strings(trust.path("actions")));
        assertEquals(List.of("Federated:" + stack.dataRef("aws_iam_openid_connect_provider", "github-oidc-provider", "arn")),
                principals(trust));
        assertEquals(Map.of("StringEquals", Map.of(
                        OIDC + ":aud", List.of("sts.amazonaws.com"),
                        OIDC + ":sub", List.of(subject),
                        OIDC + ":job_workflow_ref", List.of(jobWorkflowRef))),
                conditions(trust));
    }
}
