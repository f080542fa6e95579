package io.kube9.charts.publishing.storage;

/** The result of a conditional write. */
public enum WriteOutcome {
    WRITTEN,
    /** The precondition did not hold: another writer got there first (HTTP 412 or 409). */
    PRECONDITION_FAILED
}
