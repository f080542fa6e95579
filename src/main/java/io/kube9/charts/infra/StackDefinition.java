package io.kube9.charts.infra;

import com.hashicorp.cdktf.TerraformStack;
import io.kube9.charts.config.ChartHostingConfig;
import software.constructs.Construct;

/** Adds one stack for a configuration to an app; {@link SynthApp#STACKS} lists them. */
@FunctionalInterface
public interface StackDefinition {
    TerraformStack define(Construct app, ChartHostingConfig config);
}
