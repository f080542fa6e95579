package io.kube9.charts.repository.index;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * A Helm repository index ({@code index.yaml}): entries by chart name, each chart's versions newest
 * first. Top-level fields other than apiVersion, generated and entries (annotations, serverInfo,
 * publicKeys) are carried through unchanged.
 */
public record ChartIndex(String apiVersion, String generated, Map<String, List<IndexEntry>> entries,
        ObjectNode otherFields) {
    public static final String API_VERSION = "v1";
    public ChartIndex {
        TreeMap<String, List<IndexEntry>> sorted = new TreeMap<>();
        entries.forEach((name, versions) -> sorted.put(name, NewestFirst.of(versions)));
        entries = Collections.unmodifiableMap(sorted);
        otherFields = otherFields.deepCopy();
    }

    public static ChartIndex empty() {
        return new ChartIndex(API_VERSION, "", Map.of(), JsonNodeFactory.instance.objectNode());
    }

    public Optional<IndexEntry> find(String name, String version) {
        return entries.getOrDefault(name, List.of()).stream()
                .filter(entry -> entry.version().equals(version))
                .findFirst();
    }

    public List<IndexEntry> allEntries() {
        return entries.values().stream().flatMap(List::stream).toList();
    }

    public ChartIndex generatedAt(Instant now) {
        return new ChartIndex(apiVersion, now.toString(), entries, otherFields);
    }

    /** A top-level annotation of the index (Helm's {@code annotations}, a map of strings), if set. */
    public Optional<String> annotation(String key) {
        JsonNode value = otherFields.path("annotations").path(key);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The index with a top-level annotation set; every other field as it is. */
    public ChartIndex withAnnotation(String key, String value) {
        ObjectNode fields = otherFields.deepCopy();
        JsonNode annotations = fields.path("annotations");
        (annotations.isObject() ? (ObjectNode) annotations : fields.putObject("annotations")).put(key, value);
        return new ChartIndex(apiVersion, generated, entries, fields);
    }

    /**
     * Adds the entries this index lacks. Versions are compared as exact strings (Helm's own
     * {@code Has} falls back to SemVer ranges, which would take 1.0 for 1.0.0); existing entries and
     * their {@code created} stay untouched; an entry whose digest differs from the indexed one is a
     * conflict and is not applied.
     */
    public Merge merge(List<IndexEntry> candidates) {
        Map<String, List<IndexEntry>> merged = new LinkedHashMap<>(entries);
        List<IndexEntry> added = new ArrayList<>();
        List<IndexEntry> present = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (IndexEntry candidate : candidates) {
            Optional<IndexEntry> existing = merged.getOrDefault(candidate.name(), List.of()).stream()
                    .filter(entry -> entry.version().equals(candidate.version()))
                    .findFirst();
            if (existing.isEmpty()) {
                List<IndexEntry> grown = new ArrayList<>(merged.getOrDefault(candidate.name(), List.of()));
                grown.add(candidate);
                merged.put(candidate.name(), grown);
                added.add(candidate);
            } else if (existing.get().digest().equals(candidate.digest())) {
                present.add(existing.get());
            } else {
                conflicts.add(new Conflict(existing.get(), candidate));
            }
        }
        return new Merge(new ChartIndex(apiVersion, generated, merged, otherFields), added, present, conflicts);
    }

    /** The result of {@link #merge}: the new index and what happened to each candidate. */
    public record Merge(ChartIndex index, List<IndexEntry> added, List<IndexEntry> alreadyIndexed,
            List<Conflict> conflicts) {
        public boolean changed() {
            return !added.isEmpty();
        }
    }

    /** A version that is indexed with other bytes than the ones offered. */
    public record Conflict(IndexEntry indexed, IndexEntry offered) {}

    /**
     * A chart's versions in Helm's order. Sorting parses every version, so a list taken over from another index (a
     * merge, a new generated time) is not sorted again; only the charts a change touched are.
     */
    private static final class NewestFirst extends AbstractList<IndexEntry> implements RandomAccess {
        private final List<IndexEntry> versions;

        private NewestFirst(List<IndexEntry> versions) {
            this.versions = versions;
        }

        static List<IndexEntry> of(List<IndexEntry> versions) {
            return versions instanceof NewestFirst ? versions
                    : new NewestFirst(List.copyOf(VersionOrder.newestFirst(versions, IndexEntry::version)));
        }

        @Override
        public IndexEntry get(int index) {
            return versions.get(index);
        }

        @Override
        public int size() {
            return versions.size();
        }
    }
}
