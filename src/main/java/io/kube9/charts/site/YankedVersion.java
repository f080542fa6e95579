package io.kube9.charts.site;

/**
 * A chart version taken out of the index with {@code yank}, as the lifecycle ledger records it: the
 * landing page leaves it out of the installable versions and shows it in the chart's yanked note.
 *
 * @param yankedAt when it was yanked, RFC 3339 (shown as its UTC date)
 */
public record YankedVersion(String chart, String version, String reason, String yankedAt) {}
