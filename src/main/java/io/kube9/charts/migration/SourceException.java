package io.kube9.charts.migration;

import io.kube9.charts.repository.support.PublishingException;

/** A file of the source repository could not be read: unreachable (transient, re-run), missing, or refused (too large, a forbidden address). */
public final class SourceException extends PublishingException {
    private final boolean transientFailure;
    private final boolean refused;

    public SourceException(String message, boolean transientFailure) {
        this(message, transientFailure, false);
    }

    private SourceException(String message, boolean transientFailure, boolean refused) {
        super(message);
        this.transientFailure = transientFailure;
        this.refused = refused;
    }

    /** The source offers something this import does not accept: more bytes than allowed, an address it never requests. */
    public static SourceException refused(String message) {
        return new SourceException(message, false, true);
    }

    /** True when re-running may succeed (network errors, 5xx); false when the source itself is wrong. */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** True when the import refused what the source offered (see {@link #refused(String)}). */
    public boolean refused() {
        return refused;
    }
}
