package io.kube9.charts.migration;

import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.index.IndexEntry;
import io.kube9.charts.repository.index.VersionOrder;
import java.util.Optional;

/** What an entry of the source index must be for its package to be imported under {@code <name>-<version>.tgz}. */
public final class SourceEntries {

    private SourceEntries() {}

    /** Why the entry listed under {@code entries.<listedAs>} cannot be imported, or empty when it can. */
    public static Optional<String> problem(String listedAs, IndexEntry entry) {
        String name = entry.name();
        if (name.isEmpty()) {
            return Optional.of("has no name");
        }
        if (!name.equals(listedAs)) {
            return Optional.of("is listed under entries." + listedAs + " but is named \"" + name + "\"");
        }
        // Helm's Metadata.Validate: the name is a plain file name; a leading '.' would also hide the package file
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("name \"" + name + "\" is not a plain file name (Helm refuses it)");
        }
        if (!VersionOrder.isValid(entry.version())) {
            return Optional.of("version \"" + entry.version() + "\" is not a SemVer version (Helm skips the entry)");
        }
        if (!Sha256.isHex(entry.digest())) {
            return Optional.of("digest \"" + entry.digest() + "\" is not a lowercase hex SHA-256, so the package cannot be checked");
        }
        if (entry.urls().isEmpty()) {
            return Optional.of("has no urls");
        }
        return Optional.empty();
    }

    /** The object key the package gets in this repository, as {@code helm package} names it. */
    public static String packageKey(IndexEntry entry) {
        return entry.name() + "-" + entry.version() + ".tgz";
    }
}
