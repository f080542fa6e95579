package io.kube9.charts.site;

/**
 * One installable version as the page lists it.
 *
 * @param released    the UTC date of its {@code created} time, or "" when that is missing or unreadable
 * @param downloadUrl its package, or null when the entry has no http(s) or repository URL
 */
public record VersionView(String version, String appVersion, String released, String downloadUrl) {}
