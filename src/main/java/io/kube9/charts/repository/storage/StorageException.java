package io.kube9.charts.repository.storage;

/** A storage failure that is not a lost precondition (network, permissions, server errors). */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
