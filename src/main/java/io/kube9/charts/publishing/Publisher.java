package io.kube9.charts.publishing;

import io.kube9.charts.repository.ConditionalUpdater;
import io.kube9.charts.repository.IndexSnapshot;
import io.kube9.charts.repository.Progress;
import io.kube9.charts.repository.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryRefresh;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.Sha256;
import io.kube9.charts.repository.StoredIndex;
import io.kube9.charts.repository.ledger.LifecyclePolicy;
import io.kube9.charts.oci.OciPublisher;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.publishing.PublishReport.ChartOutcome;
import io.kube9.charts.publishing.PublishReport.Status;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes chart packages: uploads each package (and provenance file) create-only, then merges the
 * new entries into the index read from the bucket and writes it back with compare-and-swap. Packages
 * go first, so a crash in between leaves an unindexed package that the next run indexes. With an OCI
 * repository, each package is also pushed there after the uploads and before the index (docs/oci.md).
 */
public final class Publisher {
    private final ObjectStore store;
    private final Invalidator invalidator;
    private final RepositorySettings settings;
    private final Clock clock;
    private final Progress progress;
    private final IndexCodec codec = new IndexCodec();
    private final OciPublisher oci;

    public Publisher(ObjectStore store, Invalidator invalidator, RepositorySettings settings, Clock clock, Progress progress) {
        this(store, invalidator, settings, clock, progress, null);
    }

    /**
     * @param registry the registry of {@code settings.ociRepository()}; null to reach it with the default access
     *                 (TLS, credentials from Docker/Helm configuration) when that is set
     */
    public Publisher(ObjectStore store, Invalidator invalidator, RepositorySettings settings, Clock clock, Progress progress,
            RegistryClient registry) {
        this.store = store;
        this.invalidator = invalidator;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
        RegistryClient client = registry != null ? registry : RegistryClient.connectDefault(settings.ociRepository(), progress);
        this.oci = client == null ? null : new OciPublisher(client, settings.retry(), progress);
    }

    public PublishReport publish(List<ChartArchive> archives, boolean dryRun) {
        PublishedVersion published = new PublishedVersion(store);
        List<PublishedVersion.Offer> offers = distinct(archives).stream().map(published::check).toList();
        List<ChartArchive> charts = offers.stream().map(PublishedVersion.Offer::chart).toList();
        OciPublisher.Plan ociPlan = oci == null ? null : oci.plan(charts, clock.instant());
        List<IndexEntry> candidates = charts.stream()
                .map(chart -> IndexEntry.forChart(chart.metadata(), settings.packageUrl(chart.packageKey()),
                        chart.digest(), clock.instant()))
                .toList();
        // A corrupt index, or one that disagrees with a package, is refused before anything is written.
        // The index is downloaded once and reused by the update's first attempt and the refresh that follows.
        Optional<StoredObject> indexObject = store.get(RepositoryLayout.INDEX_KEY);
        ChartIndex indexed = StoredIndex.parse(store, indexObject);
        // Yanked versions are refused, deprecated charts' versions marked: the ledger is read after the index.
        List<IndexEntry> admitted = LifecyclePolicy.read(store).admit(candidates);
        ChartIndex.Merge planned = merge(indexed, admitted);
        List<ChartOutcome> outcomes = new ArrayList<>();
        for (PublishedVersion.Offer offer : offers) {
            outcomes.add(rerun(offer, dryRun ? plan(offer) : upload(offer, published)));
        }
        if (ociPlan != null) {
            Map<String, Status> pushed = dryRun ? Map.of() : oci.push(ociPlan);
            outcomes.replaceAll(outcome -> ociPlan.annotate(outcome, pushed));
        }
        if (dryRun) {
            return new PublishReport(true, outcomes, names(planned.added()), false, 0, false, List.of(), null);
        }
        AtomicReference<ChartIndex.Merge> lastMerge = new AtomicReference<>();
        AtomicReference<Optional<StoredObject>> lastRead = new AtomicReference<>();
        AtomicReference<ChartIndex> lastWritten = new AtomicReference<>();
        ConditionalUpdater.Result index = new ConditionalUpdater(store, settings.retry(), progress).update(
                RepositoryLayout.INDEX_KEY, RepositoryLayout.indexHeaders(settings.indexFormat()), () -> indexObject, current -> {
                    boolean firstRead = current == indexObject;
                    ChartIndex base = firstRead ? indexed : StoredIndex.parse(store, current);
                    ChartIndex.Merge merge = merge(base, firstRead ? admitted : LifecyclePolicy.read(store).admit(candidates));
                    lastMerge.set(merge);
                    lastRead.set(current);
                    lastWritten.set(merge.changed() ? merge.index().generatedAt(clock.instant()) : null);
                    return Optional.ofNullable(lastWritten.get()).map(written -> codec.write(written, settings.indexFormat()));
                });
        List<String> added = names(lastMerge.get().added());
        progress.line(index.written()
                ? "index.yaml: added " + String.join(", ", added) + " (attempt " + index.attempts() + ")"
                : "index.yaml: already lists every chart; unchanged");
        // The index as the bucket holds it after this run (unless another run has changed it since): the object just
        // read when unchanged, the one written (known by the entity tag the write answered) otherwise.
        Optional<IndexSnapshot> seen = index.written()
                ? index.etag().map(etag -> new IndexSnapshot(etag, lastWritten.get()))
                : lastRead.get().map(object -> new IndexSnapshot(object.etag(), lastMerge.get().index()));
        RepositoryRefresh.Outcome refresh = new RepositoryRefresh(store, invalidator, settings, progress).refresh(seen);
        return new PublishReport(false, outcomes, added, index.written(), index.attempts(),
                refresh.landingPageWritten(), refresh.invalidatedPaths(), refresh.invalidationId().orElse(null));
    }

    private ChartIndex.Merge merge(ChartIndex current, List<IndexEntry> candidates) {
        ChartIndex.Merge merge = current.merge(candidates);
        if (!merge.conflicts().isEmpty()) {
            ChartIndex.Conflict conflict = merge.conflicts().get(0);
            throw new RepositoryConflictException(RepositoryLayout.INDEX_KEY + " lists " + conflict.indexed().name() + " "
                    + conflict.indexed().version() + " with digest " + conflict.indexed().digest() + ", but the package has digest "
                    + conflict.offered().digest() + ". The index and the packages disagree: run `verify`, then `reindex`."
                    + " Nothing was changed in the index");
        }
        return merge;
    }

    /** The same package given twice is published once; two different packages for one version are refused. */
    private static List<ChartArchive> distinct(List<ChartArchive> archives) {
        Map<String, ChartArchive> byKey = new LinkedHashMap<>();
        for (ChartArchive archive : archives) {
            ChartArchive other = byKey.putIfAbsent(archive.packageKey(), archive);
            if (other != null && !other.digest().equals(archive.digest())) {
                throw new ChartValidationException(archive.source(), "Chart.yaml version",
                        archive.name() + " " + archive.version() + " is also given by " + other.source() + " with different content",
                        "Publish one package per chart version");
            }
        }
        return List.copyOf(byKey.values());
    }

    /** A dry run's statuses, from what the preflight check read (a published object is never deleted). */
    private ChartOutcome plan(PublishedVersion.Offer offer) {
        ChartArchive chart = offer.chart();
        Status pkg = offer.publishedPackage().isPresent() ? Status.ALREADY_PUBLISHED : Status.WOULD_UPLOAD;
        Status prov = chart.provenance().map(ignored ->
                offer.publishedProvenance().isPresent() ? Status.ALREADY_PUBLISHED : Status.WOULD_UPLOAD).orElse(null);
        return outcome(chart, pkg, prov);
    }

    private ChartOutcome upload(PublishedVersion.Offer offer, PublishedVersion published) {
        ChartArchive chart = offer.chart();
        Status pkg = putOnce(chart, chart.packageKey(), chart.content(), RepositoryLayout.PACKAGE, offer.publishedPackage(), published);
        Status prov = chart.provenance().map(content -> putOnce(chart, chart.provenanceKey(), content, RepositoryLayout.PROVENANCE,
                offer.publishedProvenance(), published)).orElse(null);
        return outcome(chart, pkg, prov);
    }

    /** A re-packaged offer: the published package stays, and a provenance file made for the offered bytes is not uploaded. */
    private ChartOutcome rerun(PublishedVersion.Offer offer, ChartOutcome outcome) {
        if (offer.repackagedDigest().isEmpty()) {
            return outcome;
        }
        ChartArchive chart = offer.chart();
        String offered = offer.repackagedDigest().get();
        progress.line(chart.packageKey() + " is already published: the offered archive (sha256 " + offered + ") differs only in"
                + " packaging (tar headers, time stamps), so the published one (sha256 " + chart.digest() + ") stays");
        if (offer.provenanceWithheld()) {
            progress.line(chart.provenanceKey() + " not uploaded: it signs the re-packaged archive (sha256 " + offered
                    + "), not the published one");
        }
        return new ChartOutcome(outcome.name(), outcome.version(), outcome.digest(), outcome.url(), Status.ALREADY_PUBLISHED_REPACKAGED,
                offer.provenanceWithheld() ? Status.NOT_UPLOADED_SIGNS_REPACKAGED_BYTES : outcome.provenanceStatus(), offered);
    }

    /**
     * Create-only upload, starting from {@code checked}, the object the preflight check read under the key: when it is
     * there, nothing is sent; when it was absent, another run's upload since then must be the same bytes.
     */
    private Status putOnce(ChartArchive chart, String key, byte[] content, ObjectHeaders headers, Optional<StoredObject> checked,
            PublishedVersion published) {
        boolean written = new ConditionalUpdater(store, settings.retry(), progress).createOnly(key, content, headers, () -> checked,
                existing -> published.refuseIfDifferent(chart, key, existing, content));
        if (written) {
            progress.line("uploaded " + key + " (sha256 " + Sha256.hex(content) + ")");
            return Status.UPLOADED;
        }
        progress.line(key + " is already published with the same content");
        return Status.ALREADY_PUBLISHED;
    }

    private ChartOutcome outcome(ChartArchive chart, Status pkg, Status prov) {
        return new ChartOutcome(chart.name(), chart.version(), chart.digest(), settings.packageUrl(chart.packageKey()), pkg, prov, null);
    }

    private static List<String> names(List<IndexEntry> entries) {
        return entries.stream().map(entry -> entry.name() + " " + entry.version()).toList();
    }
}
