package io.kube9.charts.repository;

import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexFormatException;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.Optional;

/** Reads the index from the bucket (the origin, never the CDN), refusing to build on a corrupt one. */
public final class StoredIndex {
    private static final IndexCodec CODEC = new IndexCodec();

    private StoredIndex() {}

    public static ChartIndex parse(ObjectStore store, Optional<StoredObject> object) {
        if (object.isEmpty()) {
            return ChartIndex.empty();
        }
        try {
            return CODEC.read(object.get().content());
        } catch (IndexFormatException e) {
            throw new RepositoryConflictException(store.describe() + "/" + RepositoryLayout.INDEX_KEY
                    + " cannot be read as a Helm index: " + e.getMessage()
                    + ". It was left untouched. Rebuild it from the packages with `reindex` after checking the bucket"
                    + " (with versioning on, the previous version can also be restored)");
        }
    }

    public static ChartIndex read(ObjectStore store) {
        return parse(store, store.get(RepositoryLayout.INDEX_KEY));
    }
}
