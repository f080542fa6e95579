package io.kube9.charts.repository.storage;

import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.index.IndexCodec;
import java.util.List;
import java.util.Optional;

/**
 * The repository's storage: a flat key space with create-only and compare-and-swap writes, the two
 * primitives the publisher builds its race-free index update on. Implementations throw
 * {@link StorageException} for failures other than a lost precondition.
 */
public interface ObjectStore {
    /**
     * The most {@link #get} downloads of one object, enforced while it downloads: the index limit, as
     * the index is the largest object of a chart repository (a package decompresses to at most 100 MiB).
     */
    long MAX_OBJECT_BYTES = IndexCodec.MAX_INDEX_BYTES;

    /** The refusal of an object larger than {@link #MAX_OBJECT_BYTES}; nothing is changed, and a retry would not help. */
    static RepositoryConflictException tooLarge(String location) {
        return new RepositoryConflictException(location + " cannot be read: it is larger than " + MAX_OBJECT_BYTES + " bytes, more than"
                + " any object of a chart repository may be. It was left untouched and nothing was changed; inspect the object"
                + " (for index.yaml, rebuild it from the packages with `reindex`)");
    }

    /** The object's content, entity tag and headers, or empty when there is no such key; refuses one over {@link #MAX_OBJECT_BYTES}. */
    Optional<StoredObject> get(String key);

    /** The object's entity tag and headers without its content, or empty when there is no such key. */
    Optional<ObjectInfo> head(String key);

    /** Writes only if no object exists under the key ({@code If-None-Match: *}). */
    WriteOutcome putIfAbsent(String key, byte[] content, ObjectHeaders headers);

    /**
     * Writes only if the current object still has the given entity tag ({@code If-Match}); an object
     * deleted in the meantime is a lost race too.
     */
    WriteOutcome putIfMatch(String key, byte[] content, ObjectHeaders headers, String expectedEtag);

    /** All keys, in lexical order. */
    List<String> list();

    /** A short description for messages, e.g. {@code s3://bucket} or a directory path. */
    String describe();
}
