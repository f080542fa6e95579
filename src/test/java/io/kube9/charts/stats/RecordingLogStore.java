package io.kube9.charts.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    public String describe() {
        return delegate.describe();
    }
}
