package io.kube9.charts.repository.ledger;

import java.net.URI;
import java.util.Map;

/**
 * Who made a lifecycle change: the GitHub user and workflow run when it ran in GitHub Actions, nobody
 * otherwise (a maintainer's own machine names no one).
 *
 * @param login  the GitHub actor ({@code GITHUB_ACTOR}), or null
 * @param runUrl the workflow run, {@code $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID}, or null
 */
public record Actor(String login, String runUrl) {
    public static final Actor NONE = new Actor(null, null);

    /** The actor GitHub Actions names in the environment of a job; {@link #NONE} outside Actions. */
    public static Actor fromEnvironment(Map<String, String> environment) {
        String login = blankToNull(environment.get("GITHUB_ACTOR"));
        String server = blankToNull(environment.get("GITHUB_SERVER_URL"));
        String repository = blankToNull(environment.get("GITHUB_REPOSITORY"));
        String runId = blankToNull(environment.get("GITHUB_RUN_ID"));
        String runUrl = server == null || repository == null || runId == null ? null
                : (server.endsWith("/") ? server : server + "/") + repository + "/actions/runs/" + runId;
        return new Actor(login, runUrl != null && isHttpsUrl(runUrl) ? runUrl : null);
    }

    /** An absolute https URL: the only kind a page may link to without turning into a script or a local file. */
    static boolean isHttpsUrl(String url) {
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
