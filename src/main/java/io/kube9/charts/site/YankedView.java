package io.kube9.charts.site;

/** A yanked version in its chart's note: the version, why, and the UTC date it was yanked ("" if unknown). */
public record YankedView(String version, String reason, String date) {}
