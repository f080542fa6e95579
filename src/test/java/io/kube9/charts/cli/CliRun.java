package io.kube9.charts.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the CLI in this JVM: exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Kube9ChartsCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    public static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }
}
