package io.kube9.charts.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The publisher and operations command line: the main class of target/kube9-charts-cli.jar. */
@Command(name = "kube9-charts",
        mixinStandardHelpOptions = true,
        versionProvider = Kube9ChartsCli.Version.class,
        description = "Publishes Helm charts to the kube9 chart repository (S3 + CloudFront, or a local directory)"
                + " and checks it.",
        subcommands = {
            PublishCommand.class,
            ReindexCommand.class,
            VerifyCommand.class,
            ImportCommand.class,
            CutoverCommand.class,
            YankCommand.class,
            UnyankCommand.class,
            DeprecateCommand.class,
            StatsCommand.class,
            DriftReportCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Kube9ChartsCli {
    @CommandLine.Mixin
    ExitCodeHelp exitCodes;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by main and by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Kube9ChartsCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setExecutionExceptionHandler((failure, failedCommand, parseResult) -> {
            failedCommand.getErr().println("error: " + failure.getMessage());
            failedCommand.getErr().flush();
            return ExitCodes.of(failure);
        });
        return commandLine.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Kube9ChartsCli.class.getPackage().getImplementationVersion();
            return new String[] {"kube9-charts " + (version == null ? "(development build)" : version)};
        }
    }
}
