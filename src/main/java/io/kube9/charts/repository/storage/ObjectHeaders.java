package io.kube9.charts.repository.storage;

import java.util.Objects;

/** The HTTP headers an object is served with (S3 stores them as object metadata). */
public record ObjectHeaders(String contentType, String cacheControl) {
    public ObjectHeaders {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
    }
}
