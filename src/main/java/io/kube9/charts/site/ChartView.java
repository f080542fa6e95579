package io.kube9.charts.site;

import java.util.List;

/**
 * One chart as the page shows it. Links are null unless they are http(s) URLs.
 *
 * @param latestVersion      the newest installable release (the newest pre-release when there is no
 *                           other), or null when every version is yanked
 * @param ociInstallCommand  null unless the repository is also an OCI registry
 * @param deprecationMessage shown after the deprecated mark; "" for none
 * @param newest             the newest installable versions, shown in the chart's table
 * @param older              the next older ones, behind an expander
 * @param unlisted           installable versions that only index.yaml lists
 * @param yankedUnlisted     yanked versions beyond those listed in {@code yanked}
 */
public record ChartView(String name, String iconUrl, String description, String homeUrl, String sourceUrl,
        boolean deprecated, String deprecationMessage, String latestVersion, String installCommand,
        String ociInstallCommand, List<VersionView> newest, List<VersionView> older, int unlisted,
        List<YankedView> yanked, int yankedUnlisted) {}
