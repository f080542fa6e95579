package io.kube9.charts.repository;

import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.Optional;

/**
 * {@code index.yaml} as a run read it from the bucket: the object (empty: absent) and the index it holds (empty when
 * absent). An index update that starts from it works on these very bytes in its first attempt.
 */
public record IndexRead(Optional<StoredObject> object, ChartIndex index) {
    /** What the bucket holds now, as a snapshot a later step of the run can reuse while the bucket still holds it. */
    public Optional<IndexSnapshot> snapshot() {
        return object.map(stored -> new IndexSnapshot(stored.etag(), index));
    }
}
