package io.kube9.charts.migration;

import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether every version a reference index lists (the live one, before a cutover) is in a candidate
 * (this repository) with the same digest and {@code created}: what a Helm user's cached index expects.
 * Versions only the candidate lists are reported as extra, not as problems (releases made after the import).
 *
 * @param missing   versions of the reference the candidate lacks, as "name version"
 * @param different versions both list with another digest or {@code created}
 * @param extra     versions only the candidate lists
 */
public record IndexComparison(String reference, String candidate, int referenceVersions, int candidateVersions,
        List<String> missing, List<Difference> different, List<String> extra) {

    /** One field of one version that differs. */
    public record Difference(String name, String version, String field, String reference, String candidate) {}

    public static IndexComparison of(String referenceName, ChartIndex reference, String candidateName, ChartIndex candidate) {
        List<String> missing = new ArrayList<>();
        List<Difference> different = new ArrayList<>();
        for (IndexEntry expected : reference.allEntries()) {
            Optional<IndexEntry> found = candidate.find(expected.name(), expected.version());
            if (found.isEmpty()) {
                missing.add(expected.name() + " " + expected.version());
                continue;
            }
            for (String field : List.of("digest", "created")) {
                if (!expected.text(field).equals(found.get().text(field))) {
                    different.add(new Difference(expected.name(), expected.version(), field, expected.text(field),
                            found.get().text(field)));
                }
            }
        }
        List<String> extra = candidate.allEntries().stream()
                .filter(entry -> reference.find(entry.name(), entry.version()).isEmpty())
                .map(entry -> entry.name() + " " + entry.version())
                .toList();
        return new IndexComparison(referenceName, candidateName, reference.allEntries().size(), candidate.allEntries().size(),
                List.copyOf(missing), List.copyOf(different), extra);
    }

    public boolean ok() {
        return missing.isEmpty() && different.isEmpty();
    }

    /** The comparison as text lines: a summary, then every missing, different and extra version. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(candidate + " against " + reference + ": " + referenceVersions + " versions there, " + candidateVersions
                + " here; " + missing.size() + " missing, " + different.size() + " different, " + extra.size() + " only here");
        missing.forEach(version -> lines.add("missing: " + version + " is in " + reference + " but not in " + candidate
                + " (run `import` again)"));
        different.forEach(d -> lines.add("different: " + d.name() + " " + d.version() + " " + d.field() + ": " + reference
                + " has " + d.reference() + ", " + candidate + " has " + d.candidate()));
        extra.forEach(version -> lines.add("only here: " + version + " (not in " + reference + ")"));
        lines.add(ok() ? "same digests and created dates for every version of " + reference
                : (missing.size() + different.size()) + " difference(s)");
        return lines;
    }
}
