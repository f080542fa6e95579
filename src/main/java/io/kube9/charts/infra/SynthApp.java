package io.kube9.charts.infra;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import io.kube9.charts.config.ChartHostingConfig;
import io.kube9.charts.config.ConfigException;
import io.kube9.charts.config.ConfigLoader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Synthesizes the stacks of one environment into {@code <outdir>/stacks/<stack>/cdk.tf.json} and
 * prints what it wrote. Run by {@code scripts/synth} and, through cdktf.json, by {@code cdktf synth}
 * (which passes its output directory in CDKTF_OUTDIR). Needs no AWS credentials.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Synthesizes the kube9 chart hosting Terraform stacks (no AWS access needed).")
public final class SynthApp implements Callable<Integer> {
    /** Every stack synthesized for a configuration; adding a stack is adding a line here. */
    static final List<StackDefinition> STACKS = List.of(
            ChartHostingStack::new,
            BootstrapStack::new);

    /** The cdktf CLI runs a fixed command (cdktf.json), so its users choose the overlay with this variable. */
    static final String CONFIG_VARIABLE = "KUBE9_CHARTS_CONFIG";

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:" + CONFIG_VARIABLE + "}",
            description = "YAML overlay merged over the built-in production defaults, e.g. config/staging.yaml"
                    + " (default: $" + CONFIG_VARIABLE + ").")
    private Path config;

    @Option(names = "--outdir", paramLabel = "DIR",
            description = "Output directory (default: $CDKTF_OUTDIR if set, else cdktf.out).")
    private Path outdir;

    private final PrintStream out;
    private final PrintStream err;

    SynthApp(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new SynthApp(out, err));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Where the stacks were written and their names, in {@link #STACKS} order. */
    public record Synthesis(Path outdir, List<String> stacks) {
        public Path stackFile(String stack) {
            return SynthSummary.stackFile(outdir, stack);
        }
    }

    /**
     * Synthesizes every stack for {@code config}; without {@code outdir} the App uses CDKTF_OUTDIR
     * (set by the cdktf CLI) or cdktf.out.
     */
    public static Synthesis synthesize(ChartHostingConfig config, Optional<Path> outdir) {
        App app = outdir.map(dir -> new App(AppConfig.builder().outdir(dir.toString()).build())).orElseGet(App::new);
        List<String> stacks = STACKS.stream().map(definition -> definition.define(app, config).getNode().getId()).toList();
        app.synth();
        return new Synthesis(Path.of(app.getOutdir()), stacks);
    }

    @Override
    public Integer call() {
        ChartHostingConfig loaded;
        try {
            loaded = ConfigLoader.load(Optional.ofNullable(config));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println("Nothing was synthesized.");
            return 2;
        }
        Synthesis synthesis = synthesize(loaded, Optional.ofNullable(outdir));
        out.print(SynthSummary.of(loaded, synthesis.outdir(), synthesis.stacks()));
        return 0;
    }
}
