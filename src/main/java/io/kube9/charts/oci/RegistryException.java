package io.kube9.charts.oci;

import io.kube9.charts.repository.support.PublishingException;

/**
 * A registry request failed. Transient failures (no connection, a reset, no answer in time, 408, 429,
 * 5xx) are retried by the callers; the others (not authorized, no such repository, a refused manifest)
 * are reported as they are, with what to do.
 */
public final class RegistryException extends PublishingException {
    private final boolean transientFailure;

    RegistryException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
