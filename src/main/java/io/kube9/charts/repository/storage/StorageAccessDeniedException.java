package io.kube9.charts.repository.storage;

/**
 * The store refused a request for lack of permission (S3: 403 AccessDenied). Not a {@link StorageException}: it is
 * not transient, so nothing retries it and re-running the same command cannot help; the message says what to change.
 */
public final class StorageAccessDeniedException extends RuntimeException {
    private final String key;

    public StorageAccessDeniedException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The object key refused, empty for a bucket-level request such as a listing. */
    public String key() {
        return key;
    }
}
