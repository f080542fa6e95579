package io.kube9.charts.migration;

import io.kube9.charts.repository.index.IndexEntry;
import java.util.Optional;

/**
 * A package of the source repository, downloaded and checked against its entry's digest.
 *
 * @param entry      the entry as it will be indexed here (every field of the source, {@code urls} pointing here)
 * @param key        where it is stored here, {@code <name>-<version>.tgz}
 * @param location   where it was downloaded from
 * @param provenance the {@code .prov} file beside it at the source, if any
 */
public record SourcePackage(IndexEntry entry, String key, String location, byte[] content, Optional<byte[]> provenance) {}
