package io.kube9.charts.stats;

import java.nio.file.Path;
import java.util.List;

/** Where the CloudFront logs are: a log bucket, or a local copy with the same layout (keys from the bucket's root). */
public interface LogStore {
    /** The keys under {@code prefix}, in lexical order. */
    List<String> list(String prefix);

    /** Streams the object to {@code target} (never held in memory). */
    void download(String key, Path target);

    /** For messages, e.g. {@code s3://bucket} or a directory path. */
    String describe();
}
