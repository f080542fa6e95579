package io.kube9.charts.repository.index;

/** An index that cannot be read as a Helm repository index. */
public final class IndexFormatException extends Exception {
    public IndexFormatException(String message) {
        super(message);
    }
}
