package io.kube9.charts.migration;

/**
 * Another place every imported package is written to after the repository's own create-only upload
 * and before the index lists it (for example an OCI registry), so that the index never lists a
 * version a channel lacks. Called once per package, from several threads at once; throwing leaves the
 * entry unindexed (re-running the import retries it).
 */
@FunctionalInterface
public interface PackageChannel {
    PackageChannel NONE = pkg -> {};

    void push(SourcePackage pkg);
}
