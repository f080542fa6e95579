package io.kube9.charts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A fresh {@code git clone} of the project's committed HEAD, the way CI starts. */
final class FreshClone {
    private FreshClone() {}

    static Path of(Path projectRoot, Path parent) {
        Path clone = parent.resolve("clone");
        MeasuredProcess.run(List.of("git", "clone", "--quiet", projectRoot.toString(), clone.toString()), Map.of(), parent);
        return clone;
    }
}
