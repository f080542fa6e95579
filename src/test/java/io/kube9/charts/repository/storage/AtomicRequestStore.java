package io.kube9.charts.repository.storage;

import java.util.List;
import java.util.Optional;

/**
 * Makes each single request to a store atomic, as every request to real S3 is. S3Mock 5.2.0 is not:
 * it checks If-Match/If-None-Match before taking its object lock and rewrites the data file in place
 * (Files.copy REPLACE_EXISTING), so under load two conditional PUTs can both pass and a GET can
 * return a half-written object. Only single requests are serialized: a publisher's read-merge-write
 * spans several requests, so races between publishers stay fully open.
 */
public final class AtomicRequestStore implements ObjectStore {
    private final ObjectStore delegate;
    private final Object lock;

    /** All stores sharing {@code lock} see each other's requests as atomic. */
    public AtomicRequestStore(ObjectStore delegate, Object lock) {
        this.delegate = delegate;
        this.lock = lock;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        synchronized (lock) {
            return delegate.get(key);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        synchronized (lock) {
            return delegate.head(key);
        }
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content, ObjectHeaders headers) {
        synchronized (lock) {
            return delegate.putIfAbsent(key, content, headers);
        }
    }

    @Override
    public WriteOutcome putIfMatch(String key, byte[] content, ObjectHeaders headers, String expectedEtag) {
        synchronized (lock) {
            return delegate.putIfMatch(key, content, headers, expectedEtag);
        }
    }

    @Override
    public List<String> list() {
        synchronized (lock) {
            return delegate.list();
        }
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
