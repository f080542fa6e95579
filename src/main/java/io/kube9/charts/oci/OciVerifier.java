package io.kube9.charts.oci;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.index.IndexEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OCI channel of a repository: every indexed version has its tag, whose chart layer is the indexed
 * package (same sha256) and whose provenance layer is the package's {@code .prov} when there is one.
 */
public final class OciVerifier {
    private final RegistryClient registry;
    private final Progress progress;

    public OciVerifier(RegistryClient registry, Progress progress) {
        this.registry = registry;
        this.progress = progress;
    }

    /** @param provenance an entry's {@code .prov} file in the bucket, if it has one */
    public List<String> check(List<IndexEntry> entries, Function<IndexEntry, Optional<byte[]>> provenance) {
        List<String> problems = new ArrayList<>();
        for (IndexEntry entry : entries) {
            check(entry, provenance, problems);
        }
        progress.line("verify: " + entries.size() + " tags in " + registry.repository());
        return problems;
    }

    private void check(IndexEntry entry, Function<IndexEntry, Optional<byte[]>> provenance, List<String> problems) {
        String reference = registry.repository().reference(entry.name(), entry.version());
        String label = entry.name() + " " + entry.version() + ": " + reference;
        Optional<ChartManifest> tag;
        try {
            tag = registry.manifest(entry.name(), entry.version());
        } catch (ChartManifest.InvalidManifestException e) {
            problems.add(label + " holds something that is not a Helm chart: " + e.getMessage());
            return;
        } catch (RegistryException e) {
            problems.add(label + ": " + e.getMessage() + "; run verify again");
            return;
        }
        if (tag.isEmpty()) {
            problems.add(label + " is missing (helm install from it fails): run `publish` with the package again (it pushes"
                    + " what is missing)");
            return;
        }
        Optional<String> chart = tag.get().isHelmChart() ? tag.get().chartDigest() : Optional.empty();
        if (chart.isEmpty()) {
            problems.add(label + " holds something that is not a Helm chart (config " + tag.get().configMediaType() + ")");
        } else if (!chart.get().equals("sha256:" + entry.digest())) {
            problems.add(label + " has chart layer " + chart.get() + " but the index says sha256:" + entry.digest()
                    + " (Helm gets other bytes from the two channels)");
        }
        provenance.apply(entry).ifPresent(prov -> {
            String expected = "sha256:" + Sha256.hex(prov);
            Optional<String> layer = tag.get().provenanceDigest();
            if (layer.isEmpty()) {
                problems.add(label + " has no provenance layer, but the bucket has the .prov: run `publish` with the package and"
                        + " its .prov again (it adds the layer)");
            } else if (!layer.get().equals(expected)) {
                problems.add(label + " has provenance layer " + layer.get() + " but the bucket's .prov is " + expected);
            }
        });
    }
}
