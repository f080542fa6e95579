package io.kube9.charts.stats;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the CloudFront logs are (a log bucket, or a local copy with the same layout) and where the daily cache is
 * kept beside them: keys are relative to the store's root (a bucket's root, not the logs prefix).
 */
public interface LogStore {
    /** The keys under {@code prefix}, in lexical order. */
    List<String> list(String prefix);

    /** Streams the object to {@code target} (never held in memory). */
    void download(String key, Path target);

    /** A small object's content (the daily cache), or empty when there is none. */
    Optional<byte[]> read(String key);

    /** Writes a small object (the daily cache), replacing what is there. */
    void write(String key, byte[] content);

    /** For messages, e.g. {@code s3://bucket} or a directory path. */
    String describe();
}
