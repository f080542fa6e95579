package io.kube9.charts.site;

import java.util.List;

/**
 * One installable version as a page lists it.
 *
 * @param released        the UTC date of its {@code created} time, or "" when that is missing or unreadable
 * @param downloadUrl     its package, or null when the entry has no http(s) or repository URL
 * @param downloads       its downloads in the last 30 days, formatted, or "" without statistics
 * @param changes         its {@code artifacthub.io/changes}, at most {@link ChangeLog#MAX_CHANGES}
 * @param changesUnlisted the changes beyond those
 */
public record VersionView(String version, String appVersion, String released, String downloadUrl, String downloads,
        List<ChangeLog.Change> changes, int changesUnlisted) {}
