package io.kube9.charts.site;

import java.util.List;

/**
 * What the landing page template renders: every value already chosen and formatted, so the template
 * only places (and the engine escapes) them.
 *
 * @param updated   the UTC date of the index's {@code generated} time, or ""
 * @param downloads whether the repository has download statistics
 */
public record PageView(String repositoryName, String repoAddCommand, String updated, boolean downloads, List<ChartView> charts) {}
