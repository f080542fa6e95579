package io.kube9.charts.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deprecated: true} mark of an index entry, and where it came from: a chart's own
 * Chart.yaml (kept by an undo) or this tool (removed by an undo). The index entry alone cannot tell the
 * two apart, so the chart's own Chart.yaml is read from its package, once per package and run.
 */
final class DeprecationMarks {
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Progress progress;
    private final Map<String, Boolean> ownMarks = new HashMap<>();
    private final Map<String, StoredObject> packages = new HashMap<>();

    DeprecationMarks(ObjectStore store, RepositorySettings settings, Progress progress) {
        this.store = store;
        this.settings = settings;
        this.progress = progress;
    }

    /** The package under {@code key} as the caller has just read it: read from there instead of downloading it again. */
    DeprecationMarks withPackage(String key, StoredObject pkg) {
        packages.put(key, pkg);
        return this;
    }

    /** Without this tool's mark: a mark the chart's own Chart.yaml sets stays. */
    IndexEntry withoutToolMark(IndexEntry entry) {
        if (!entry.deprecated() || chartYamlSaysDeprecated(entry)) {
            return entry;
        }
        ObjectNode fields = entry.fields();
        fields.remove("deprecated");
        return new IndexEntry(fields);
    }

    /**
     * Whether the entry's package says {@code deprecated: true} in its own Chart.yaml. A package that
     * cannot be read counts as saying so: the mark is kept rather than removed on a guess.
     */
    boolean chartYamlSaysDeprecated(IndexEntry entry) {
        String label = entry.name() + " " + entry.version();
        Optional<String> key = entry.urls().isEmpty() ? Optional.empty() : settings.keyOf(entry.urls().get(0));
        if (key.isEmpty()) {
            progress.line(label + ": its URL is outside " + settings.repositoryUrl() + "; its deprecated mark is kept");
            return true;
        }
        return ownMarks.computeIfAbsent(key.get(), packageKey -> {
            Optional<StoredObject> object = packages.containsKey(packageKey) ? Optional.of(packages.get(packageKey))
                    : store.get(packageKey);
            if (object.isEmpty()) {
                progress.line(label + ": package " + packageKey + " is missing (run `verify`); its deprecated mark is kept");
                return true;
            }
            try {
                return new ChartArchiveReader().read(packageKey, object.get().content(), Optional.empty())
                        .metadata().path("deprecated").asBoolean(false);
            } catch (ChartValidationException e) {
                progress.line(label + ": " + e.getMessage() + "; its deprecated mark is kept");
                return true;
            }
        });
    }
}
