package io.kube9.charts.repository;

import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle as the landing page shows it: which charts are deprecated (with the maintainer's
 * message) and which versions of each chart are yanked (with the reason), newest first. Texts are as
 * the maintainer wrote them: the page escapes them.
 */
public record LifecycleView(Map<String, DeprecatedChart> deprecated, Map<String, List<YankedVersion>> yanked) {
    public static final LifecycleView EMPTY = new LifecycleView(Map.of(), Map.of());

    /** @param message may be empty (deprecated without a message) */
    public record DeprecatedChart(String message, Instant since) {}

    public record YankedVersion(String version, String reason, Instant yankedAt) {}

    public LifecycleView {
        deprecated = Map.copyOf(deprecated);
        yanked = Map.copyOf(yanked);
    }

    /** The lifecycle of the repository in {@code store}; a corrupt ledger is refused as everywhere else. */
    public static LifecycleView read(ObjectStore store) {
        return of(StoredLedger.read(store));
    }

    /** The lifecycle in {@code object}, lifecycle.json as just read from {@code store} (empty: absent); refused when corrupt. */
    public static LifecycleView parse(ObjectStore store, Optional<StoredObject> object) {
        return of(StoredLedger.parse(store, object));
    }

    public static LifecycleView of(Ledger ledger) {
        Map<String, DeprecatedChart> deprecated = new LinkedHashMap<>();
        ledger.deprecated().forEach((chart, d) -> deprecated.put(chart, new DeprecatedChart(d.message(), d.deprecatedAt())));
        Map<String, List<YankedVersion>> yanked = new LinkedHashMap<>();
        ledger.yanked().forEach((chart, versions) -> yanked.put(chart, versions.entrySet().stream()
                .map(v -> new YankedVersion(v.getKey(), v.getValue().reason(), v.getValue().yankedAt())).toList()));
        return new LifecycleView(deprecated, yanked);
    }

    public Optional<DeprecatedChart> deprecation(String chart) {
        return Optional.ofNullable(deprecated.get(chart));
    }

    /** The chart's yanked versions, newest first; empty when none is. */
    public List<YankedVersion> yanked(String chart) {
        return yanked.getOrDefault(chart, List.of());
    }
}
