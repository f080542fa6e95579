package io.kube9.charts.repository.cdn;

import io.kube9.charts.repository.support.Progress;
import java.util.List;
import java.util.Optional;

/** Removes changed paths from the CDN's caches. */
public interface Invalidator {
    /**
     * @param callerReference identifies this change: asking twice with the same reference and paths
     *                        creates one invalidation
     * @return the invalidation's id, or empty when there is no CDN
     */
    Optional<String> invalidate(List<String> paths, String callerReference, boolean waitForCompletion, Progress progress);

    /** For a repository without a CDN (a local directory, a preview bucket). */
    Invalidator NONE = (paths, callerReference, wait, progress) -> Optional.empty();
}
