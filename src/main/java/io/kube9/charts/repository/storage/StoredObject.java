package io.kube9.charts.repository.storage;

/** An object read from the store. */
public record StoredObject(byte[] content, ObjectInfo info) {
    public String etag() {
        return info.etag();
    }
}
