package io.kube9.charts.migration;

import io.kube9.charts.oci.OciPublisher;
import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.repository.Progress;
import io.kube9.charts.publishing.PublishReport.Status;
import io.kube9.charts.repository.RetryPolicy;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.index.IndexEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An OCI repository as a channel of the import: every package is pushed as {@code publish --oci-repository}
 * pushes it ({@link OciPublisher}: Helm's chart artifact, the chart layer being the package itself, tag =
 * version with {@code +} as {@code _}; a tag holding another chart is a conflict). The manifest's
 * {@code created} annotation is the source entry's {@code created} (the release's time, what {@code helm push}
 * would have written then), so a version's artifact is the same whichever run pushes it.
 */
public final class OciChannel implements PackageChannel {
    private static final OciPublisher.ConflictAdvice IMPORT_ADVICE = new OciPublisher.ConflictAdvice(
            "The registry holds another build under this tag: find out which one users have; if it is not the source's,"
                    + " delete the tag in the registry and import again",
            "The tag was pushed with another .prov than the source's: find out which one is right; if it is the source's,"
                    + " delete the tag in the registry and import again");

    private final OciPublisher publisher;
    private final OciRepository repository;
    private final ChartArchiveReader reader = new ChartArchiveReader();

    public OciChannel(RegistryClient registry, RetryPolicy retry, Progress progress) {
        this.publisher = new OciPublisher(registry, retry, progress, IMPORT_ADVICE);
        this.repository = registry.repository();
    }

    @Override
    public Optional<Outcome> held(IndexEntry entry, Supplier<Optional<byte[]>> provenance) {
        return publisher.holds(entry.name(), entry.version(), entry.digest(), provenance)
                ? Optional.of(new Outcome(repository.reference(entry.name(), entry.version()), Status.ALREADY_PUBLISHED))
                : Optional.empty();
    }

    /** Reads the tag once: the push writes what this plan found missing (reading the tag again only right before the manifest). */
    @Override
    public Checked check(SourcePackage pkg) {
        ChartArchive chart = archive(pkg);
        OciPublisher.Plan plan = publisher.plan(List.of(chart), createdOf(pkg.entry()));
        Outcome planned = outcome(chart, plan.charts().get(chart.packageKey()).status());
        return new Checked() {
            @Override
            public Outcome planned() {
                return planned;
            }

            @Override
            public Outcome push() {
                return outcome(chart, publisher.push(plan).get(chart.packageKey()));
            }
        };
    }

    private Outcome outcome(ChartArchive chart, Status status) {
        return new Outcome(repository.reference(chart.name(), chart.version()), status);
    }

    /**
     * The package as the publisher pushes one: its Chart.yaml makes the config blob and names the tag, so it
     * must be the version the entry lists. The {@code .prov} goes with it as the source has it (the import
     * copies it unchecked, and the registry gets the bytes this repository serves).
     */
    private ChartArchive archive(SourcePackage pkg) {
        ChartArchive chart = reader.read(pkg.location(), pkg.content(), Optional.empty());
        IndexEntry entry = pkg.entry();
        if (!chart.name().equals(entry.name()) || !chart.version().equals(entry.version())) {
            throw new ChartValidationException(pkg.location(), "Chart.yaml", "names " + chart.name() + " " + chart.version()
                    + ", but the source index lists the package as " + entry.name() + " " + entry.version()
                    + ", so its OCI tag would name another version",
                    "Fix the source index (helm repo index), or import without --oci-repository");
        }
        return chart.withProvenance(pkg.provenance());
    }

    /** The entry's {@code created}; the time of the import when it has none (an index Helm itself would refuse). */
    static Instant createdOf(IndexEntry entry) {
        try {
            return OffsetDateTime.parse(entry.created()).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
