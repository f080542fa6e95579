package io.kube9.charts.repository.storage;

import io.kube9.charts.repository.RepositoryLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records the keys it downloads, HEADs and PUTs (create-only and compare-and-swap); runs {@code afterIndexWrite}
 * (another writer) once, right after index.yaml is written.
 */
public final class RecordingStore implements ObjectStore {
    private final ObjectStore delegate;
    private Runnable afterIndexWrite;
    public final List<String> downloads = new ArrayList<>();
    public final List<String> heads = new ArrayList<>();
    public final List<String> puts = new ArrayList<>();

    public RecordingStore(ObjectStore delegate) {
        this(delegate, null);
    }

    public RecordingStore(ObjectStore delegate, Runnable afterIndexWrite) {
        this.delegate = delegate;
        this.afterIndexWrite = afterIndexWrite;
    }

    /** How many times {@code key} was downloaded. */
    public long downloads(String key) {
        return downloads.stream().filter(key::equals).count();
    }

    @Override
    public Optional<StoredObject> get(String key) {
        downloads.add(key);
        return delegate.get(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        heads.add(key);
        return delegate.head(key);
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content, ObjectHeaders headers) {
        puts.add(key);
        return written(key, delegate.putIfAbsent(key, content, headers));
    }

    @Override
    public WriteOutcome putIfMatch(String key, byte[] content, ObjectHeaders headers, String expectedEtag) {
        puts.add(key);
        return written(key, delegate.putIfMatch(key, content, headers, expectedEtag));
    }

    private WriteOutcome written(String key, WriteOutcome outcome) {
        if (key.equals(RepositoryLayout.INDEX_KEY) && outcome.written() && afterIndexWrite != null) {
            Runnable other = afterIndexWrite;
            afterIndexWrite = null;
            other.run();
        }
        return outcome;
    }

    @Override
    public List<String> list() {
        return delegate.list();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
