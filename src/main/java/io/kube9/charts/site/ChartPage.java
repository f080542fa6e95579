package io.kube9.charts.site;

import io.kube9.charts.repository.RepositorySettings;
import java.util.Optional;

/**
 * A chart's own page ({@code charts/<name>/index.html}): its install commands, how to verify a package, every
 * installable version (the newest {@value #NEWEST_IN_FULL} with app version, date, downloads and change list, the
 * others by major.minor behind expanders), and its yanked versions with their reasons.
 *
 * <p>Whether a version has a provenance file is not in the index, so the page shows {@code helm pull --verify}
 * with a note rather than per version. The {@code gh attestation verify} command names the chart's first GitHub
 * source repository: the publishing workflow attests packages as built by the repository that calls it.
 */
public final class ChartPage {
    /** Versions listed with their details; the older ones are listed by major.minor, version and date only. */
    public static final int NEWEST_IN_FULL = 100;
    /** Yanked versions listed (newest first); the page counts the rest. */
    public static final int MAX_YANKED_SHOWN = 100;

    private final RepositorySettings settings;

    public ChartPage(RepositorySettings settings) {
        this.settings = settings;
    }

    /** The chart's page key, or empty when its name cannot be a path segment (it then has no page). */
    public static Optional<String> key(String chart) {
        return PageViews.pageKey(chart);
    }

    public byte[] render(SiteData data, String chart) {
        return LandingPage.render("chart.jte", new PageViews(settings, data).chartPage(chart));
    }
}
