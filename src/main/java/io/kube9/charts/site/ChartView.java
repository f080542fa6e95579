package io.kube9.charts.site;

/**
 * One chart as the landing page lists it. Links are null unless they are http(s) URLs.
 *
 * @param pageUrl            its page, relative to the landing page, or null when its name cannot be a page's path
 * @param latestVersion      the newest installable release (the newest pre-release when there is no
 *                           other), or null when every version is yanked
 * @param ociInstallCommand  null unless the repository is also an OCI registry
 * @param deprecationMessage shown after the deprecated mark; "" for none
 * @param downloads          its downloads in the last 30 days, formatted, or "" without statistics
 */
public record ChartView(String name, String pageUrl, String iconUrl, String description, boolean deprecated,
        String deprecationMessage, String latestVersion, String installCommand, String ociInstallCommand, String downloads) {}
