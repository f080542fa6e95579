package io.kube9.charts.publishing.index;

/** An index that cannot be read as a Helm repository index. */
public final class IndexFormatException extends Exception {
    public IndexFormatException(String message) {
        super(message);
    }
}
