package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.IndexChange;
import io.kube9.charts.repository.IndexRead;
import io.kube9.charts.repository.IndexUpdate;
import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryRefresh;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.LifecyclePolicy;
import io.kube9.charts.publishing.PublishReport.ChartOutcome;
import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes chart packages: uploads each package (and provenance file) create-only, then merges the
 * new entries into the index read from the bucket and writes it back with compare-and-swap. Packages
 * go first, so a crash in between leaves an unindexed package that the next run indexes. With a package
 * mirror (an OCI repository), each package is also pushed there after the uploads and before the index (docs/oci.md).
 */
public final class Publisher {
    private final ChartRepository repository;
    private final PackageMirror mirror;
    private final RepositorySettings settings;
    private final Progress progress;

    public Publisher(ChartRepository repository) {
        this(repository, PackageMirror.NONE);
    }

    public Publisher(ChartRepository repository, PackageMirror mirror) {
        this.repository = repository;
        this.mirror = mirror;
        this.settings = repository.settings();
        this.progress = repository.progress();
    }

    public PublishReport publish(List<ChartArchive> archives, boolean dryRun) {
        PublishedVersion published = new PublishedVersion(repository.store());
        List<PublishedVersion.Offer> offers = distinct(archives).stream().map(published::check).toList();
        List<ChartArchive> charts = offers.stream().map(PublishedVersion.Offer::chart).toList();
        Instant now = repository.clock().instant();
        PackageMirror.Plan mirrorPlan = mirror.plan(charts, now, PackageMirror.ConflictAdvice.PUBLISH);
        List<IndexEntry> candidates = charts.stream()
                .map(chart -> IndexEntry.forChart(chart.metadata(), settings.packageUrl(chart.packageKey()), chart.digest(), now))
                .toList();
        // A corrupt index, or one that disagrees with a package, is refused before anything is written.
        // The index is downloaded once and reused by the update's first attempt and the refresh that follows.
        IndexRead indexed = repository.readIndex();
        // Yanked versions are refused, deprecated charts' versions marked: the ledger is read after the index.
        List<IndexEntry> admitted = LifecyclePolicy.read(repository.store()).admit(candidates);
        ChartIndex.Merge planned = merge(indexed.index(), admitted);
        List<ChartOutcome> outcomes = new ArrayList<>();
        for (PublishedVersion.Offer offer : offers) {
            outcomes.add(rerun(offer, dryRun ? plan(offer) : upload(offer, published)));
        }
        Map<String, UploadStatus> pushed = dryRun ? mirrorPlan.planned() : mirrorPlan.push().get();
        for (int i = 0; i < outcomes.size(); i++) {
            outcomes.set(i, mirrorOutcome(outcomes.get(i), charts.get(i), pushed));
        }
        if (dryRun) {
            return new PublishReport(true, outcomes, names(planned.added()), false, 0, false, List.of(), null);
        }
        IndexUpdate<ChartIndex.Merge> index = repository.updateIndex(indexed, current -> {
            // the first attempt works on the index and ledger read above; a lost race reads both again
            ChartIndex.Merge merge = merge(current, current == indexed.index() ? admitted
                    : LifecyclePolicy.read(repository.store()).admit(candidates));
            return new IndexChange<>(merge.index(), merge.changed(), merge);
        });
        List<String> added = names(index.detail().added());
        progress.line(index.written()
                ? "index.yaml: added " + String.join(", ", added) + " (attempt " + index.attempts() + ")"
                : "index.yaml: already lists every chart; unchanged");
        RepositoryRefresh.Outcome refresh = repository.refresh(index.seen(), List.of());
        return new PublishReport(false, outcomes, added, index.written(), index.attempts(),
                refresh.landingPageWritten(), refresh.invalidatedPaths(), refresh.invalidationId().orElse(null));
    }

    /** The outcome with the mirror's reference and status (the planned one, or what was done); as it is without a mirror. */
    private ChartOutcome mirrorOutcome(ChartOutcome outcome, ChartArchive chart, Map<String, UploadStatus> done) {
        UploadStatus status = done.get(chart.packageKey());
        return status == null ? outcome : outcome.withOci(mirror.reference(chart.name(), chart.version()), status);
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
        UploadStatus pkg = offer.publishedPackage().isPresent() ? UploadStatus.ALREADY_PUBLISHED : UploadStatus.WOULD_UPLOAD;
        UploadStatus prov = chart.provenance().map(ignored ->
                offer.publishedProvenance().isPresent() ? UploadStatus.ALREADY_PUBLISHED : UploadStatus.WOULD_UPLOAD).orElse(null);
        return outcome(chart, pkg, prov);
    }

    private ChartOutcome upload(PublishedVersion.Offer offer, PublishedVersion published) {
        ChartArchive chart = offer.chart();
        UploadStatus pkg = putOnce(chart, chart.packageKey(), chart.content(), RepositoryLayout.PACKAGE, offer.publishedPackage(), published);
        UploadStatus prov = chart.provenance().map(content -> putOnce(chart, chart.provenanceKey(), content, RepositoryLayout.PROVENANCE,
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
        return new ChartOutcome(outcome.name(), outcome.version(), outcome.digest(), outcome.url(), UploadStatus.ALREADY_PUBLISHED_REPACKAGED,
                offer.provenanceWithheld() ? UploadStatus.NOT_UPLOADED_SIGNS_REPACKAGED_BYTES : outcome.provenanceStatus(), offered);
    }

    /**
     * Create-only upload, starting from {@code checked}, the object the preflight check read under the key: when it is
     * there, nothing is sent; when it was absent, another run's upload since then must be the same bytes.
     */
    private UploadStatus putOnce(ChartArchive chart, String key, byte[] content, ObjectHeaders headers, Optional<StoredObject> checked,
            PublishedVersion published) {
        if (repository.putOnce(key, content, headers, checked, existing -> published.changed(chart, key, existing.content(), content, ""))) {
            return UploadStatus.UPLOADED;
        }
        progress.line(key + " is already published with the same content");
        return UploadStatus.ALREADY_PUBLISHED;
    }

    private ChartOutcome outcome(ChartArchive chart, UploadStatus pkg, UploadStatus prov) {
        return new ChartOutcome(chart.name(), chart.version(), chart.digest(), settings.packageUrl(chart.packageKey()), pkg, prov, null);
    }

    private static List<String> names(List<IndexEntry> entries) {
        return entries.stream().map(entry -> entry.name() + " " + entry.version()).toList();
    }
}
