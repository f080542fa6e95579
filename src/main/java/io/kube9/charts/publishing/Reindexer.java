package io.kube9.charts.publishing;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.IndexChange;
import io.kube9.charts.repository.IndexUpdate;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.RepositoryRefresh;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.LifecyclePolicy;
import io.kube9.charts.repository.chart.ChartArchive;
import io.kube9.charts.repository.chart.ChartArchiveReader;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.index.IndexFormatException;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds {@code index.yaml} from the chart packages in the bucket (disaster recovery). An entry
 * keeps the {@code created} of the previous index when that index is readable and lists the same
 * bytes; otherwise it takes the package's upload time. The write uses the same compare-and-swap as
 * publishing, and every attempt re-lists the packages, so a chart published meanwhile is not lost.
 * Yanked versions stay out and deprecated charts keep their mark (both from the lifecycle ledger).
 */
public final class Reindexer {
    private final ChartRepository repository;
    private final ObjectStore store;
    private final RepositorySettings settings;
    private final Progress progress;
    private final ChartArchiveReader reader = new ChartArchiveReader();
    private final IndexCodec codec = new IndexCodec();
    /** Packages already read, by key: they are immutable, so each is downloaded once per run. */
    private final Map<String, Optional<PackageEntry>> packages = new HashMap<>();
    private final List<String> skipped = new ArrayList<>();

    public Reindexer(ChartRepository repository) {
        this.repository = repository;
        this.store = repository.store();
        this.settings = repository.settings();
        this.progress = repository.progress();
    }

    private record PackageEntry(ChartArchive chart, java.time.Instant uploaded) {}

    private record Rebuild(ChartIndex index, int packages, int preserved, String previousIndex, boolean unchanged) {}

    public ReindexReport reindex(boolean dryRun) {
        if (dryRun) {
            Rebuild rebuild = rebuild(store.get(RepositoryLayout.INDEX_KEY));
            return report(true, rebuild, false, 0, RepositoryRefresh.Outcome.NONE);
        }
        // a corrupt index is what reindex repairs: the change sees the stored object, not a parsed index
        IndexUpdate<Rebuild> result = repository.updateIndexObject(store.get(RepositoryLayout.INDEX_KEY), current -> {
            Rebuild rebuild = rebuild(current);
            return new IndexChange<>(rebuild.index(), !rebuild.unchanged(), rebuild);
        });
        RepositoryRefresh.Outcome refresh = repository.refresh(Optional.empty(), List.of());
        return report(false, result.detail(), result.written(), result.attempts(), refresh);
    }

    private ReindexReport report(boolean dryRun, Rebuild rebuild, boolean written, int attempts, RepositoryRefresh.Outcome refresh) {
        return new ReindexReport(dryRun, rebuild.packages(), rebuild.index().allEntries().size(), rebuild.preserved(),
                List.copyOf(skipped), rebuild.previousIndex(), written, attempts, refresh.landingPageWritten(),
                refresh.invalidatedPaths(), refresh.invalidationId().orElse(null));
    }

    private Rebuild rebuild(Optional<StoredObject> current) {
        Optional<ChartIndex> previous = readPrevious(current);
        LifecyclePolicy lifecycle = LifecyclePolicy.read(store);
        Map<String, List<IndexEntry>> entries = new LinkedHashMap<>();
        int count = 0;
        int preserved = 0;
        for (String key : store.list()) {
            if (!key.endsWith(RepositoryLayout.PACKAGE_SUFFIX) || key.contains("/")) {
                continue;
            }
            Optional<PackageEntry> entry = packages.computeIfAbsent(key, this::readPackage);
            if (entry.isEmpty()) {
                continue;
            }
            count++;
            ChartArchive chart = entry.get().chart();
            Optional<IndexEntry> old = previous.flatMap(index -> index.find(chart.name(), chart.version()))
                    .filter(indexed -> indexed.digest().equals(chart.digest()));
            String created = old.map(IndexEntry::created).orElse(entry.get().uploaded().toString());
            if (old.isPresent()) {
                preserved++;
            }
            Optional<IndexEntry> indexable = lifecycle.indexable(IndexEntry
                    .forChart(chart.metadata(), settings.packageUrl(key), chart.digest(), repository.clock().instant())
                    .withCreated(created));
            indexable.ifPresentOrElse(indexed -> entries.computeIfAbsent(chart.name(), ignored -> new ArrayList<>()).add(indexed),
                    () -> progress.line("reindex: " + key + " is yanked (" + RepositoryLayout.LIFECYCLE_KEY + "); left out of the index"));
        }
        ChartIndex base = previous.orElse(ChartIndex.empty());
        ChartIndex index = new ChartIndex(ChartIndex.API_VERSION, "", entries, base.otherFields());
        progress.line("reindex: " + count + " packages, " + preserved + " created dates kept from the previous index");
        String previousIndex = current.isEmpty() ? "absent" : previous.isPresent() ? "readable" : "unreadable";
        boolean unchanged = previous.isPresent() && previous.get().entries().equals(index.entries())
                && settings.indexFormat() == IndexFormat.of(current.get().content());
        return new Rebuild(index, count, preserved, previousIndex, unchanged);
    }

    private Optional<ChartIndex> readPrevious(Optional<StoredObject> current) {
        if (current.isEmpty()) {
            progress.line("reindex: there is no index.yaml; created dates come from the packages' upload times");
            return Optional.empty();
        }
        try {
            return Optional.of(codec.read(current.get().content()));
        } catch (IndexFormatException e) {
            progress.line("reindex: the current index.yaml is unreadable (" + e.getMessage()
                    + "); created dates come from the packages' upload times");
            return Optional.empty();
        }
    }

    private Optional<PackageEntry> readPackage(String key) {
        Optional<StoredObject> object = store.get(key);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try {
            ChartArchive chart = reader.read(key, object.get().content(), Optional.empty());
            if (!chart.packageKey().equals(key)) {
                skip(key + ": holds " + chart.name() + " " + chart.version() + ", which Helm names " + chart.packageKey());
                return Optional.empty();
            }
            return Optional.of(new PackageEntry(chart, object.get().info().lastModified()));
        } catch (ChartValidationException e) {
            skip(e.getMessage());
            return Optional.empty();
        }
    }

    private void skip(String reason) {
        skipped.add(reason);
        progress.line("reindex: skipped " + reason);
    }
}
