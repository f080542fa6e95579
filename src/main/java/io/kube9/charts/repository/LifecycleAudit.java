package io.kube9.charts.repository;

import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.ledger.LedgerCodec;
import io.kube9.charts.repository.ledger.LedgerFormatException;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code verify} checks of the ledger: it reads; every yanked version is out of the index and its
 * package is still there with the recorded digest (so unyank can restore it); every version of a
 * deprecated chart carries the mark. Yanked packages are in the bucket on purpose, not "unindexed".
 */
public final class LifecycleAudit {
    private final List<String> problems = new ArrayList<>();
    private final Set<String> yankedPackages = new HashSet<>();
    private Optional<ObjectHeaders> ledgerHeaders = Optional.empty();

    private LifecycleAudit() {}

    public static LifecycleAudit of(ObjectStore store, RepositorySettings settings, ChartIndex index) {
        LifecycleAudit audit = new LifecycleAudit();
        Optional<StoredObject> object = store.get(RepositoryLayout.LIFECYCLE_KEY);
        if (object.isEmpty()) {
            return audit;
        }
        audit.ledgerHeaders = Optional.of(object.get().info().headers());
        Ledger ledger;
        try {
            ledger = new LedgerCodec().read(object.get().content());
        } catch (LedgerFormatException e) {
            audit.problems.add(RepositoryLayout.LIFECYCLE_KEY + " cannot be read as the lifecycle ledger: " + e.getMessage()
                    + "; publish, reindex and the lifecycle commands refuse to run until it is fixed (or its previous version"
                    + " restored)");
            return audit;
        }
        ledger.yanked().forEach((chart, versions) -> versions.forEach((version, record) ->
                audit.checkYanked(store, settings, index, record.entry())));
        ledger.deprecated().keySet().forEach(chart -> {
            List<String> unmarked = index.entries().getOrDefault(chart, List.of()).stream()
                    .filter(entry -> !entry.deprecated()).map(IndexEntry::version).toList();
            if (!unmarked.isEmpty()) {
                audit.problems.add(chart + " is deprecated in " + RepositoryLayout.LIFECYCLE_KEY + ", but " + RepositoryLayout.INDEX_KEY
                        + " does not mark " + String.join(", ", unmarked) + " (a deprecate was interrupted): run `deprecate "
                        + chart + "` again");
            }
        });
        return audit;
    }

    private void checkYanked(ObjectStore store, RepositorySettings settings, ChartIndex index, IndexEntry entry) {
        String label = entry.name() + " " + entry.version();
        if (index.find(entry.name(), entry.version()).isPresent()) {
            problems.add(label + " is yanked in " + RepositoryLayout.LIFECYCLE_KEY + " but " + RepositoryLayout.INDEX_KEY
                    + " still lists it (a yank or unyank was interrupted): run `yank " + label + " --reason ...` or `unyank "
                    + label + "` again to finish it");
        }
        Optional<String> key = settings.keyOf(entry.urls().get(0));
        if (key.isEmpty()) {
            problems.add(label + " (yanked): URL " + entry.urls().get(0) + " is outside the repository " + settings.repositoryUrl());
            return;
        }
        yankedPackages.add(key.get());
        Optional<StoredObject> pkg = store.get(key.get());
        if (pkg.isEmpty()) {
            problems.add(label + " (yanked): package " + key.get() + " is missing from " + store.describe()
                    + ", so unyank cannot restore it: restore the object's previous version");
        } else if (!Sha256.hex(pkg.get().content()).equals(entry.digest())) {
            problems.add(label + " (yanked): package " + key.get() + " has sha256 " + Sha256.hex(pkg.get().content())
                    + " but " + RepositoryLayout.LIFECYCLE_KEY + " recorded " + entry.digest());
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The package keys of yanked versions: in the bucket, and rightly not in the index. */
    public Set<String> yankedPackages() {
        return Set.copyOf(yankedPackages);
    }

    /** The ledger's headers, for the same check as every other object's; empty when there is no ledger. */
    public Optional<ObjectHeaders> ledgerHeaders() {
        return ledgerHeaders;
    }
}
