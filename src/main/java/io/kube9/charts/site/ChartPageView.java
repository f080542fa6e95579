package io.kube9.charts.site;

import java.util.List;

/**
 * What a chart's page renders. Links are null unless they are http(s) URLs.
 *
 * @param downloads          whether the repository has download statistics
 * @param newest             the newest installable versions, each with its changes
 * @param older              the other installable versions, by major.minor, newest first
 * @param yankedUnlisted     yanked versions beyond those listed in {@code yanked}
 * @param verifyCommand      {@code helm pull --verify} of the latest version, or null when there is none
 * @param pullCommand        {@code helm pull} of the latest version, or null when there is none
 * @param attestationCommand {@code gh attestation verify} of the pulled package against the chart's GitHub
 *                           source repository, or null when the chart names none
 */
public record ChartPageView(String repositoryName, String repoAddCommand, String updated, ChartView chart, String homeUrl,
        String sourceUrl, boolean downloads, List<VersionView> newest, List<VersionGroup> older, List<YankedView> yanked,
        int yankedUnlisted, String verifyCommand, String pullCommand, String attestationCommand) {}
