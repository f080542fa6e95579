package io.kube9.charts.infra;

import com.hashicorp.cdktf.TerraformOutput;
import software.constructs.Construct;

/** A stack's Terraform output with the description `terraform output` and the docs show. */
final class StackOutput {
    private StackOutput() {}

    static void declare(Construct stack, String name, Object value, String description) {
        TerraformOutput.Builder.create(stack, name).value(value).description(description).build();
    }
}
