package io.kube9.charts.repository.support;

/**
 * The repository refuses the change: a published version would change its bytes, or the index in
 * the bucket is unreadable and must not be overwritten.
 */
public final class RepositoryConflictException extends PublishingException {
    public RepositoryConflictException(String message) {
        super(message);
    }
}
