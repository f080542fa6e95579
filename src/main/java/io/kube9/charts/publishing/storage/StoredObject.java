package io.kube9.charts.publishing.storage;

/** An object read from the store. */
public record StoredObject(byte[] content, ObjectInfo info) {
    public String etag() {
        return info.etag();
    }
}
