package io.kube9.charts.repository.support;

/** A failure the publisher explains to the user; subclasses map to the CLI's exit codes. */
public class PublishingException extends RuntimeException {
    public PublishingException(String message) {
        super(message);
    }

    public PublishingException(String message, Throwable cause) {
        super(message, cause);
    }
}
