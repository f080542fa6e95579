package io.kube9.charts.migration;

import io.kube9.charts.repository.support.BoundedRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A chart repository to import from: its index and the files its entries point at. Every read is
 * bounded, so a hostile or broken source costs at most the given limit.
 */
public interface SourceRepository {
    /** What is done with the body of an object as it arrives; {@code tooLarge} is the refusal once it passes the limit. */
    @FunctionalInterface
    interface Body<T> {
        T take(InputStream in, Supplier<SourceException> tooLarge) throws IOException;
    }

    /** For messages, e.g. {@code https://charts.kube9.io/} or {@code s3://bucket}. */
    String describe();

    /** The index bytes, at most {@code IndexCodec.MAX_INDEX_BYTES}; a missing index is a {@link SourceException}. */
    byte[] index();

    /** Where an entry URL ({@code urls[0]}) points, as this source reads it; {@link SourceException} when it cannot. */
    String locate(String entryUrl);

    /** Where the provenance file of the package at {@code packageLocation} is ({@code <package URL>.prov}). */
    String provenanceOf(String packageLocation);

    /**
     * What {@code body} makes of the object at a location, or empty when the source does not have it. The body
     * must stop past {@code limit} bytes with {@code tooLarge}; a failed read of the body is retried where the source retries.
     */
    <T> Optional<T> fetch(String location, long limit, Body<T> body);

    /** The object at a location, or empty when the source does not have it; {@link SourceException} past {@code limit} bytes. */
    default Optional<byte[]> read(String location, long limit) {
        return fetch(location, limit, (in, tooLarge) -> BoundedRead.readAtMost(in, limit, tooLarge));
    }
}
