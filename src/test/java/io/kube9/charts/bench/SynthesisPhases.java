package io.kube9.charts.bench;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.infra.BootstrapStack;
import io.kube9.charts.infra.ChartHostingStack;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The synthesis profile's probe, run by {@link SynthesisBenchmark} in a fresh JVM the way scripts/synth starts the
 * app: the synthesis of the built-in defaults in SynthApp's steps, printing {@code phase=seconds} for each, counted
 * from the JVM's start.
 */
public final class SynthesisPhases {
    static final String JVM_START = "JVM start to main";
    static final String JSII_START = "jsii runtime started (Node, kernel, constructs and cdktf loaded)";
    static final String STACKS = "both stacks defined (provider bindings loaded, constructs created through jsii)";
    static final String SYNTH = "synthesized (Terraform JSON written)";

    private SynthesisPhases() {}

    public static void main(String[] args) {
        Instant start = ProcessHandle.current().info().startInstant().orElseThrow();
        Map<String, Instant> marks = new LinkedHashMap<>();
        marks.put(JVM_START, Instant.now());
        ChartHostingConfig config = ConfigLoader.defaults();
        App app = new App(AppConfig.builder().outdir(args[0]).build());
        marks.put(JSII_START, Instant.now());
        new ChartHostingStack(app, config);
        new BootstrapStack(app, config);
        marks.put(STACKS, Instant.now());
        app.synth();
        marks.put(SYNTH, Instant.now());
        Instant previous = start;
        for (Map.Entry<String, Instant> mark : marks.entrySet()) {
            System.out.println(mark.getKey() + "=" + Duration.between(previous, mark.getValue()).toNanos() / 1e9);
            previous = mark.getValue();
        }
    }
}
