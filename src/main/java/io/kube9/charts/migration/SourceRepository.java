package io.kube9.charts.migration;

import java.util.Optional;

/**
 * A chart repository to import from: its index and the files its entries point at. Every read is
 * bounded, so a hostile or broken source costs at most the given limit.
 */
public interface SourceRepository {
    /** For messages, e.g. {@code https://charts.kube9.io/} or {@code s3://bucket}. */
    String describe();

    /** The index bytes, at most {@code IndexCodec.MAX_INDEX_BYTES}; a missing index is a {@link SourceException}. */
    byte[] index();

    /** Where an entry URL ({@code urls[0]}) points, as this source reads it; {@link SourceException} when it cannot. */
    String locate(String entryUrl);

    /** Where the provenance file of the package at {@code packageLocation} is ({@code <package URL>.prov}). */
    String provenanceOf(String packageLocation);

    /** The object at a location, or empty when the source does not have it; {@link SourceException} past {@code limit} bytes. */
    Optional<byte[]> read(String location, long limit);
}
