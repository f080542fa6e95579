package io.kube9.charts.repository.storage;

import java.util.Optional;

/**
 * The result of a conditional write: whether it wrote and, when the store answered it (S3 does in the PUT's
 * response), the entity tag of the object it wrote, so that a later step can recognise its own write with a HEAD
 * instead of downloading the object again.
 */
public record WriteOutcome(boolean written, Optional<String> etag) {
    /** The precondition did not hold: another writer got there first (HTTP 412 or 409). */
    public static final WriteOutcome PRECONDITION_FAILED = new WriteOutcome(false, Optional.empty());

    /** @param etag the written object's entity tag, or null when the store did not say */
    public static WriteOutcome written(String etag) {
        return new WriteOutcome(true, Optional.ofNullable(etag));
    }
}
