package io.kube9.charts.migration;

import io.kube9.charts.repository.support.PublishingException;

/** A file of the source repository could not be read: unreachable (transient, re-run), or refused (too large, not a URL). */
public final class SourceException extends PublishingException {
    private final boolean transientFailure;

    public SourceException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /** True when re-running may succeed (network errors, 5xx); false when the source itself is wrong. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
