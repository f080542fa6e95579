package io.kube9.charts.infra;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.infra.constructs.AwsProviders;
import io.kube9.charts.infra.constructs.StateBackend;
import software.constructs.Construct;

/** The chart repository of one environment: bucket, CDN, domain and publisher access. */
public final class ChartHostingStack extends TerraformStack {

    public ChartHostingStack(Construct scope, ChartHostingConfig config) {
        super(scope, config.stackName());
        new AwsProviders(this, "providers", new AwsProviders.Props(config.bucket().region(), config.defaultTags()));
        new StateBackend(this, "state", new StateBackend.Props(
                config.stateBackend().bucket(), config.stateBackend().key(), config.stateBackend().region()));

        output("repository_url", config.repositoryUrl(), "What `helm repo add` is given");
    }

    private void output(String name, String value, String description) {
        TerraformOutput.Builder.create(this, name).value(value).description(description).build();
    }
}
