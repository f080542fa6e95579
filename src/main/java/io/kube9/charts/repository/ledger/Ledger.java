package io.kube9.charts.repository.ledger;

import io.kube9.charts.repository.index.VersionOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The lifecycle ledger ({@code lifecycle.json}): the yanked versions of each chart, newest first,
 * with their entries as they were, and the deprecated charts. Immutable; every change returns a new
 * ledger, for a compare-and-swap update to write.
 */
public record Ledger(Map<String, Map<String, YankRecord>> yanked, Map<String, Deprecation> deprecated) {
    public static final Ledger EMPTY = new Ledger(Map.of(), Map.of());

    public Ledger {
        TreeMap<String, Map<String, YankRecord>> charts = new TreeMap<>();
        yanked.forEach((chart, versions) -> {
            if (!versions.isEmpty()) {
                Map<String, YankRecord> sorted = new LinkedHashMap<>();
                VersionOrder.newestFirst(versions.keySet(), Function.identity()).forEach(v -> sorted.put(v, versions.get(v)));
                charts.put(chart, Collections.unmodifiableMap(sorted));
            }
        });
        yanked = Collections.unmodifiableMap(charts);
        deprecated = Collections.unmodifiableMap(new TreeMap<>(deprecated));
    }

    public Optional<YankRecord> yanked(String chart, String version) {
        return Optional.ofNullable(yanked.getOrDefault(chart, Map.of()).get(version));
    }

    public Optional<Deprecation> deprecation(String chart) {
        return Optional.ofNullable(deprecated.get(chart));
    }

    /** Whether the ledger knows the chart at all (a chart whose every version is yanked is in no index). */
    public boolean mentions(String chart) {
        return yanked.containsKey(chart) || deprecated.containsKey(chart);
    }

    public Ledger withYank(String chart, String version, YankRecord record) {
        Map<String, Map<String, YankRecord>> charts = new TreeMap<>(yanked);
        Map<String, YankRecord> versions = new LinkedHashMap<>(yanked.getOrDefault(chart, Map.of()));
        versions.put(version, record);
        charts.put(chart, versions);
        return new Ledger(charts, deprecated);
    }

    public Ledger withoutYank(String chart, String version) {
        Map<String, Map<String, YankRecord>> charts = new TreeMap<>(yanked);
        Map<String, YankRecord> versions = new LinkedHashMap<>(yanked.getOrDefault(chart, Map.of()));
        versions.remove(version);
        charts.put(chart, versions);
        return new Ledger(charts, deprecated);
    }

    public Ledger withDeprecation(String chart, Deprecation deprecation) {
        Map<String, Deprecation> charts = new TreeMap<>(deprecated);
        charts.put(chart, deprecation);
        return new Ledger(yanked, charts);
    }

    public Ledger withoutDeprecation(String chart) {
        Map<String, Deprecation> charts = new TreeMap<>(deprecated);
        charts.remove(chart);
        return new Ledger(yanked, charts);
    }
}
