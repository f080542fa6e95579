package io.kube9.charts.cli;

import io.kube9.charts.migration.CloudFrontAliases;
import io.kube9.charts.migration.Cutover;
import io.kube9.charts.migration.CutoverReport;
import io.kube9.charts.repository.cdn.CloudFrontInvalidator;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = {
            "Moves the live repository name (e.g. charts.kube9.io) from the legacy CloudFront distribution to this"
                    + " repository's, without downtime (docs/cutover.md).",
            "First checks this repository (as verify does) and that it lists every version the live index at --against"
                    + " lists, with the same digest and created date; refuses (exit 4, nothing moved) on any difference. Then"
                    + " moves the alias with CloudFront AssociateAlias and waits until the distribution is deployed and the"
                    + " public URL serves this repository's index. Re-running is safe: a moved alias is only waited for.",
            "--rollback moves the alias back to the legacy distribution, refusing when the legacy repository lacks versions"
                    + " this one serves (--force moves anyway)."
        })
final class CutoverCommand extends RepositoryCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--legacy-distribution-id", paramLabel = "ID", required = true,
            description = "The distribution that has the alias now (the legacy stack's output DistributionId).")
    String legacyDistributionId;

    @Option(names = "--alias", paramLabel = "NAME", required = true,
            description = "The name to move, e.g. charts.kube9.io.")
    String alias;

    @Option(names = "--against", paramLabel = "URL",
            description = "The repository users see now (default: https://<alias>; with --rollback the legacy distribution's"
                    + " own https://dxxxx.cloudfront.net).")
    URI against;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Where to watch the switch (default: https://<alias>).")
    URI publicUrl;

    @Option(names = "--rollback", description = "Move the alias back from this repository's distribution to the legacy one.")
    boolean rollback;

    @Option(names = "--force", description = "With --rollback: move back even when the legacy repository lacks versions.")
    boolean force;

    @Option(names = "--dry-run", description = "Check everything and show what would move; move nothing.")
    boolean dryRun;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "How long to wait for the public URL to serve the moved repository (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between checks while waiting (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Override
    public Integer call() {
        store.validate();
        if (repository.distributionId == null) {
            throw new ParameterException(spec.commandLine(), "cutover needs --distribution-id: this repository's CloudFront"
                    + " distribution (the chart stack's output distribution_id)");
        }
        if (force && !rollback) {
            throw new ParameterException(spec.commandLine(), "--force goes with --rollback only: a cutover never moves on a difference");
        }
        if (waitSeconds < 1 || pollSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--wait-timeout and --poll-interval must be positive");
        }
        Cutover.Request request = new Cutover.Request(repository.distributionId, legacyDistributionId, alias, against, publicUrl,
                rollback, force, dryRun, Duration.ofSeconds(waitSeconds), Duration.ofMillis((long) (pollSeconds * 1000)));
        CutoverReport report = new Cutover(repository.open(store.open(), repository.settings(), true, output.progress()),
                new CloudFrontAliases(CloudFrontInvalidator.client(repository.cloudFrontEndpoint))).run(request);
        output.print(report, out -> {
            if (report.comparison() != null) {
                report.comparison().lines().forEach(out::println);
            }
            report.problems().forEach(problem -> out.println("problem: " + problem));
            if (report.ok() && !report.dryRun()) {
                out.println((report.alreadyMoved() ? "already moved: " : "moved: ") + alias + " from " + report.fromDistribution()
                        + " to " + report.toDistribution() + "; served after " + report.waitedSeconds() + " s");
            }
            report.nextSteps().forEach(step -> out.println("next: " + step));
        });
        return report.ok() ? ExitCodes.OK : ExitCodes.CONFLICT;
    }
}
