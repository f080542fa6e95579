package io.kube9.charts.repository.support;

/** A transient condition (lost races, storage errors) persisted through every retry. */
public final class RetriesExhaustedException extends PublishingException {
    public RetriesExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
