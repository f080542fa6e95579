package io.kube9.charts.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records the prefixes listed and the log objects downloaded. */
final class RecordingLogStore implements LogStore {
    private final LogStore delegate;
    final List<String> listings = new ArrayList<>();
    final List<String> downloads = new ArrayList<>();

    RecordingLogStore(LogStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<String> list(String prefix) {
        listings.add(prefix);
        return delegate.list(prefix);
    }

    @Override
    public void download(String key, Path target) {
        downloads.add(key);
        delegate.download(key, target);
    }

    @Override
    public Optional<byte[]> read(String key) {
        return delegate.read(key);
    }

    @Override
    public void write(String key, byte[] content) {
        delegate.write(key, content);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
