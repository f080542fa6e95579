package io.kube9.charts.migration;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.migration.CloudFrontAliases.Distribution;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.StoredIndex;
import io.kube9.charts.verification.Verifier;
import io.kube9.charts.verification.VerifyReport;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Moves the live name from the legacy distribution to this repository's, without downtime: refuses
 * unless this repository is sound and lists every live version with the same digest and
 * {@code created} (a Helm client's cached index keeps working), moves the alias with AssociateAlias,
 * then waits, bounded, until the distribution is deployed and the public URL serves this repository's
 * index. Re-running after a kill or a timeout finds the alias moved and only waits. A rollback moves
 * the alias back, checked the other way: the legacy repository must list every version this one does.
 */
public final class Cutover {
    /**
     * @param against    the index users see now; null for the default ({@code https://<alias>}, or for a rollback
     *                   the legacy distribution's own domain)
     * @param publicUrl  where to watch the switch; null for {@code https://<alias>}
     * @param force      roll back even when the legacy repository lacks versions this one has
     */
    public record Request(String distributionId, String legacyDistributionId, String alias, URI against, URI publicUrl,
            boolean rollback, boolean force, boolean dryRun, Duration waitTimeout, Duration pollInterval) {}

    private final ChartRepository repository;
    private final ObjectStore store;
    private final CloudFrontAliases cloudFront;
    private final Progress progress;

    public Cutover(ChartRepository repository, CloudFrontAliases cloudFront) {
        this.repository = repository;
        this.store = repository.store();
        this.cloudFront = cloudFront;
        this.progress = repository.progress();
    }

    public CutoverReport run(Request request) {
        String to = request.rollback() ? request.legacyDistributionId() : request.distributionId();
        String from = request.rollback() ? request.distributionId() : request.legacyDistributionId();
        Distribution target = cloudFront.describe(to);
        Distribution source = cloudFront.describe(from);
        URI publicUrl = request.publicUrl() != null ? request.publicUrl() : URI.create("https://" + request.alias());
        URI against = request.against() != null ? request.against()
                : URI.create("https://" + (request.rollback() ? target.domainName() : request.alias()));

        List<String> problems = new ArrayList<>();
        // A rollback moves users back to the legacy index: read once, compared now and awaited at the public URL.
        Optional<LiveIndex.Served> legacy = request.rollback() ? Optional.of(LiveIndex.read(against)) : Optional.empty();
        IndexComparison comparison = check(request, against, legacy, problems);
        boolean alreadyMoved = target.aliases().contains(request.alias());
        checkDistributions(request.alias(), target, source, alreadyMoved, problems);
        if (!problems.isEmpty() || request.dryRun()) {
            String plan = alreadyMoved ? request.alias() + " is already on " + to + "; run without --dry-run to wait until it serves"
                    : "would move " + request.alias() + " from " + from + " to " + to + "; run without --dry-run to move it";
            return new CutoverReport(request.rollback(), request.dryRun(), request.alias(), from, to, comparison, problems,
                    false, alreadyMoved, false, 0, List.of(problems.isEmpty() ? plan : "fix the problems above; nothing was moved"));
        }
        if (alreadyMoved) {
            progress.line(request.alias() + " is already on distribution " + to + "; waiting for it to serve");
        } else {
            cloudFront.associate(to, request.alias());
            progress.line("moved " + request.alias() + " from distribution " + from + " to " + to + " (AssociateAlias)");
        }
        long waited = waitUntilServing(request, to, publicUrl, legacy);
        return new CutoverReport(request.rollback(), false, request.alias(), from, to, comparison, List.of(), !alreadyMoved,
                alreadyMoved, true, waited, nextSteps(request, publicUrl, source));
    }

    /** The comparison that must hold before users are moved; problems are added to {@code problems}. */
    private IndexComparison check(Request request, URI against, Optional<LiveIndex.Served> legacy, List<String> problems) {
        if (legacy.isPresent()) {
            // users who were given this repository's versions must still find them in the legacy one
            IndexComparison comparison = IndexComparison.of(store.describe(), StoredIndex.read(store),
                    legacy.get().indexUrl(), legacy.get().index());
            if (!comparison.ok() && !request.force()) {
                problems.add("the legacy repository at " + against + " lacks or differs on " + (comparison.missing().size()
                        + comparison.different().size()) + " version(s) this repository serves (listed above); rolling back would"
                        + " take them from every Helm user. Roll back anyway with --force");
            }
            return comparison;
        }
        VerifyReport verified = new Verifier(repository).verify(Optional.empty());
        verified.problems().forEach(problem -> problems.add(store.describe() + ": " + problem));
        // The index verify read; one it could not read is refused by StoredIndex as before.
        IndexComparison comparison = LiveIndex.compare(against, store.describe(),
                verified.index().orElseGet(() -> StoredIndex.read(store)));
        if (!comparison.ok()) {
            problems.add(store.describe() + " lacks or differs on " + (comparison.missing().size() + comparison.different().size())
                    + " version(s) of " + against + " (listed above): run `import` again (it is idempotent), then `cutover`");
        }
        return comparison;
    }

    private static void checkDistributions(String alias, Distribution target, Distribution source, boolean alreadyMoved,
            List<String> problems) {
        if (!target.enabled()) {
            problems.add("distribution " + target.id() + " is disabled: enable it (apply the stack) before moving " + alias + " to it");
        }
        if (!target.customCertificate()) {
            problems.add("distribution " + target.id() + " has CloudFront's default certificate: it needs an ACM certificate"
                    + " (us-east-1) covering " + alias);
        }
        if (!alreadyMoved && !source.aliases().contains(alias)) {
            problems.add(alias + " is on neither " + source.id() + " nor " + target.id() + ": find its distribution with"
                    + " `aws cloudfront list-conflicting-aliases --distribution-id " + target.id() + " --alias " + alias + "`");
        }
    }

    /** Polls until the target is deployed and the public URL serves the target's index; returns the seconds waited. */
    private long waitUntilServing(Request request, String to, URI publicUrl, Optional<LiveIndex.Served> legacy) {
        HttpSource watched = new HttpSource(publicUrl, new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        Instant start = Instant.now();
        while (true) {
            Distribution target = cloudFront.describe(to);
            boolean serving = Arrays.equals(served(watched).orElse(null), expectedIndex(legacy));
            long waited = Duration.between(start, Instant.now()).toSeconds();
            if (target.deployed() && serving) {
                progress.line(watched.indexUrl() + " serves the index of distribution " + to + " (" + waited + " s)");
                return waited;
            }
            if (Duration.between(start, Instant.now()).compareTo(request.waitTimeout()) > 0) {
                throw new RetriesExhaustedException(request.alias() + " is on distribution " + to + ", but after " + waited
                        + " s it is " + target.status() + " and " + watched.indexUrl() + (serving ? " serves" : " does not serve")
                        + " its index yet. CloudFront finishes in the background: re-run the same command to keep waiting"
                        + " (it sees the alias moved)" + (request.rollback() ? "" : ", or move it back with --rollback"), null);
            }
            progress.line("waiting: distribution " + to + " is " + target.status() + ", " + watched.indexUrl()
                    + (serving ? " serves its index" : " does not serve its index yet") + " (" + waited + " s)");
            try {
                Thread.sleep(request.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingException("interrupted while waiting for " + request.alias(), e);
            }
        }
    }

    private static Optional<byte[]> served(HttpSource watched) {
        try {
            return watched.read(watched.indexUrl().toString(), IndexCodec.MAX_INDEX_BYTES);
        } catch (SourceException e) {
            return Optional.empty();
        }
    }

    /** The bytes the public URL must serve: for a rollback the legacy index, else this repository's (read again each time). */
    private byte[] expectedIndex(Optional<LiveIndex.Served> legacy) {
        return legacy.map(LiveIndex.Served::bytes)
                .orElseGet(() -> store.get(RepositoryLayout.INDEX_KEY).map(StoredObject::content).orElse(new byte[0]));
    }

    private List<String> nextSteps(Request request, URI publicUrl, Distribution source) {
        if (request.rollback()) {
            return List.of(
                    publicUrl + " is served by the legacy distribution " + request.legacyDistributionId() + " again",
                    "if cutover.stage is live, set it back to parallel and apply (docs/cutover.md, \"Roll back after step 7\"):"
                            + " the stack forgets the A/AAAA records of " + request.alias() + " without deleting them",
                    "versions released here after the cutover are not in the legacy repository");
        }
        return List.of(
                "set cutover.stage: live in the configuration, then plan and apply (docs/cutover.md step 7): the plan takes over"
                        + " the Route53 A/AAAA records of " + request.alias() + "; the distribution already has the alias",
                "check: kube9-charts verify <the same store options> --public-url " + publicUrl,
                "until the legacy stack is retired, roll back with the same command and --rollback (the legacy distribution "
                        + source.id() + " at " + source.domainName() + " keeps serving the old repository)");
    }
}
