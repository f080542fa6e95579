package io.kube9.charts.oci;

import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.UploadStatus;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.index.IndexEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An OCI repository as the repository's package mirror: every package is pushed as a Helm chart artifact whose chart
 * layer is the package itself (tag = version with {@code +} as {@code _}), create-only ({@link OciPublisher}), and
 * checked by {@link OciVerifier}. Owns its registry client and closes it.
 */
public final class OciMirror implements PackageMirror {
    private final RegistryClient registry;
    private final RetryPolicy retry;
    private final Progress progress;

    public OciMirror(RegistryClient registry, RetryPolicy retry, Progress progress) {
        this.registry = registry;
        this.retry = retry;
        this.progress = progress;
    }

    @Override
    public String url() {
        return registry.repository().toString();
    }

    @Override
    public String reference(String chart, String version) {
        return registry.repository().reference(chart, version);
    }

    @Override
    public Plan plan(List<ChartArchive> charts, Instant created, ConflictAdvice advice) {
        OciPublisher publisher = new OciPublisher(registry, retry, progress, advice);
        OciPublisher.Plan plan = publisher.plan(charts, created);
        Map<String, UploadStatus> planned = new LinkedHashMap<>();
        plan.charts().forEach((key, chart) -> planned.put(key, chart.status()));
        return new Plan(planned, () -> publisher.push(plan));
    }

    @Override
    public boolean holds(IndexEntry entry, Supplier<Optional<byte[]>> provenance) {
        return new OciPublisher(registry, retry, progress).holds(entry.name(), entry.version(), entry.digest(), provenance);
    }

    @Override
    public List<String> verify(List<IndexEntry> entries, Function<IndexEntry, Optional<byte[]>> provenance) {
        return new OciVerifier(registry, progress).check(entries, provenance);
    }

    @Override
    public void close() {
        registry.close();
    }
}
