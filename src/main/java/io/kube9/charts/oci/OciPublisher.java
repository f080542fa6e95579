package io.kube9.charts.oci;

import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pushes chart packages to an OCI repository as Helm chart artifacts, create-only like the classic
 * repository: a tag whose chart layer has the package's digest is already published, a tag with
 * another chart layer is a conflict (nothing is written).
 *
 * <p>Registries have no conditional tag write, so the tag is read again right before the manifest is
 * written; what remains between that read and the write is harmless for the publisher's own runs: a
 * version's package is written create-only to the bucket first, so every run that reaches this step
 * for a version pushes the very same chart bytes, and two such runs differ at most in the manifest's
 * {@code created} annotation (see docs/oci.md).
 */
public final class OciPublisher {
    private final RegistryClient registry;
    private final RetryPolicy retry;
    private final Progress progress;
    private final PackageMirror.ConflictAdvice advice;

    public OciPublisher(RegistryClient registry, RetryPolicy retry, Progress progress) {
        this(registry, retry, progress, PackageMirror.ConflictAdvice.PUBLISH);
    }

    public OciPublisher(RegistryClient registry, RetryPolicy retry, Progress progress, PackageMirror.ConflictAdvice advice) {
        this.registry = registry;
        this.retry = retry;
        this.progress = progress;
        this.advice = advice;
    }

    /** One chart's artifact and what its tag needs: {@link UploadStatus#WOULD_UPLOAD} or {@link UploadStatus#ALREADY_PUBLISHED}. */
    public record Planned(ChartArchive chart, HelmChartArtifact artifact, UploadStatus status) {}

    /** The charts' planned pushes, keyed by package key. */
    public record Plan(OciRepository repository, Map<String, Planned> charts) {}

    /**
     * Validates the names and tags, then reads every chart's tag: refuses (nothing written) when a tag
     * holds another chart, and plans the push of the others.
     *
     * @param created the manifests' {@code org.opencontainers.image.created}
     */
    public Plan plan(List<ChartArchive> charts, Instant created) {
        charts.forEach(this::refuseUnnameable);
        Map<String, Planned> planned = new LinkedHashMap<>();
        for (ChartArchive chart : charts) {
            HelmChartArtifact artifact = HelmChartArtifact.of(chart, created);
            Optional<ChartManifest> tag = readRetrying(chart.name(), chart.version());
            planned.put(chart.packageKey(), new Planned(chart, artifact, decide(chart, artifact, tag)));
        }
        return new Plan(registry.repository(), planned);
    }

    /** Pushes what the plan says is missing; returns each chart's status by package key. */
    public Map<String, UploadStatus> push(Plan plan) {
        Map<String, UploadStatus> done = new LinkedHashMap<>();
        for (Planned planned : plan.charts().values()) {
            String reference = plan.repository().reference(planned.chart().name(), planned.chart().version());
            UploadStatus status = planned.status() == UploadStatus.ALREADY_PUBLISHED ? UploadStatus.ALREADY_PUBLISHED
                    : retrying("push " + reference, () -> pushOnce(planned));
            progress.line(status == UploadStatus.UPLOADED ? "pushed " + reference + " (chart layer " + planned.artifact().chartDigest() + ")"
                    : reference + " is already published with the same chart");
            done.put(planned.chart().packageKey(), status);
        }
        return done;
    }

    /**
     * Whether the tag of a chart version holds the chart layer {@code sha256:<digest>} and the provenance
     * {@code provenance} gives, if any: then a push of that package would write nothing. Reads the tag, and
     * {@code provenance} only when the tag holds the chart.
     */
    public boolean holds(String chart, String version, String digest, Supplier<Optional<byte[]>> provenance) {
        Optional<ChartManifest> tag = readRetrying(chart, version);
        if (tag.isEmpty() || !tag.get().isHelmChart() || !tag.get().chartDigest().equals(Optional.of("sha256:" + digest))) {
            return false;
        }
        Optional<String> given = provenance.get().map(prov -> "sha256:" + Sha256.hex(prov));
        return given.isEmpty() || given.equals(tag.get().provenanceDigest());
    }

    /** Plans and pushes in one step (for a caller that has put the packages in the bucket already). */
    public Map<String, UploadStatus> publish(List<ChartArchive> charts, Instant created) {
        return push(plan(charts, created));
    }

    /** The blobs first (each skipped when present), then the tag, unless it appeared meanwhile. */
    private UploadStatus pushOnce(Planned planned) {
        ChartArchive chart = planned.chart();
        HelmChartArtifact artifact = planned.artifact();
        for (HelmChartArtifact.Blob layer : artifact.layers()) {
            registry.pushBlob(chart.name(), layer);
        }
        registry.pushBlob(chart.name(), artifact.config());
        if (decide(chart, artifact, read(chart.name(), chart.version())) == UploadStatus.ALREADY_PUBLISHED) {
            return UploadStatus.ALREADY_PUBLISHED;
        }
        registry.pushManifest(chart.name(), chart.version(), artifact.manifest());
        return UploadStatus.UPLOADED;
    }

    private Optional<ChartManifest> readRetrying(String chart, String version) {
        return retrying("read " + registry.repository().reference(chart, version), () -> read(chart, version));
    }

    private Optional<ChartManifest> read(String chart, String version) {
        try {
            return registry.manifest(chart, version);
        } catch (ChartManifest.InvalidManifestException e) {
            throw new RepositoryConflictException(registry.repository().reference(chart, version)
                    + " holds something that is not a Helm chart: " + e.getMessage() + ". " + advice.otherChart()
                    + ". Nothing was changed");
        }
    }

    /**
     * What the tag needs: nothing when it holds this chart (and its provenance, if given); a push when it is
     * missing, or holds this chart without the given provenance (the manifest is written again with it).
     */
    private UploadStatus decide(ChartArchive chart, HelmChartArtifact artifact, Optional<ChartManifest> tag) {
        if (tag.isEmpty()) {
            return UploadStatus.WOULD_UPLOAD;
        }
        String reference = registry.repository().reference(chart.name(), chart.version());
        ChartManifest manifest = tag.get();
        Optional<String> published = manifest.isHelmChart() ? manifest.chartDigest() : Optional.empty();
        if (published.isEmpty()) {
            throw new RepositoryConflictException(reference + " holds something that is not a Helm chart (config "
                    + manifest.configMediaType() + ", no single chart layer). " + advice.otherChart() + ". Nothing was changed");
        }
        if (!published.get().equals(artifact.chartDigest())) {
            throw new RepositoryConflictException(reference + " is already published with chart layer " + published.get()
                    + ", and " + chart.source() + " has different content (" + artifact.chartDigest() + "). " + advice.otherChart()
                    + ". Nothing was changed");
        }
        Optional<String> provenance = artifact.provenanceDigest();
        if (provenance.isEmpty() || provenance.equals(manifest.provenanceDigest())) {
            return UploadStatus.ALREADY_PUBLISHED;
        }
        if (manifest.provenanceDigest().isPresent()) {
            throw new RepositoryConflictException(reference + " is already published with provenance layer "
                    + manifest.provenanceDigest().get() + ", and " + chart.source() + ".prov has different content ("
                    + provenance.get() + "). " + advice.otherProvenance() + ". Nothing was changed");
        }
        return UploadStatus.WOULD_UPLOAD;
    }

    /** A chart name or version an OCI registry cannot hold is refused before anything is written. */
    private void refuseUnnameable(ChartArchive chart) {
        String repository = registry.repository().repositoryOf(chart.name());
        if (!OciRepository.COMPONENT.matcher(chart.name()).matches() || repository.length() > 255) {
            throw new ChartValidationException(chart.source(), "Chart.yaml name", "\"" + chart.name() + "\" cannot name the OCI"
                    + " repository " + repository + " (lowercase letters and digits, separated by '.', '_', '__' or '-';"
                    + " at most 255 characters with the path)", "Rename the chart, or publish it without --oci-repository");
        }
        String tag = OciRepository.tagOf(chart.version());
        if (!OciRepository.TAG.matcher(tag).matches()) {
            throw new ChartValidationException(chart.source(), "Chart.yaml version", "\"" + chart.version() + "\" cannot be an"
                    + " OCI tag (as " + tag + ": at most 128 letters, digits, '_', '.' and '-')",
                    "Use a shorter version, or publish it without --oci-repository");
        }
    }

    /** Transient registry failures are retried with the publisher's backoff; the others end the run. */
    private <T> T retrying(String what, Supplier<T> action) {
        return retry.run(attempt -> {
            try {
                return action.get();
            } catch (RegistryException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                progress.line(e.getMessage() + " (attempt " + attempt + " of " + retry.maxAttempts() + ")");
                throw new RetryPolicy.TryAgain(e.getMessage(), e);
            }
        }, last -> new RetriesExhaustedException("gave up trying to " + what + " after " + retry.maxAttempts() + " attempts: "
                + last.getMessage(), last.getCause()));
    }
}
