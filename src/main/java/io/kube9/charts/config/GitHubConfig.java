package io.kube9.charts.config;

/**
 * The GitHub side: the {@code owner/repo} whose release tags (matching {@code releaseTagPattern})
 * publish charts, the GitHub environment that infrastructure deploy jobs run in, and whether this
 * stack creates the account's single GitHub OIDC identity provider (normally the bootstrap stack owns it).
 */
public record GitHubConfig(String repository, String releaseTagPattern, String deployEnvironment, boolean createOidcProvider) {

    /** The OIDC {@code sub} claim of a workflow run for a release tag. */
    public String releaseTagSubject() {
        return "repo:" + repository + ":ref:refs/tags/" + releaseTagPattern;
    }

    /** The OIDC {@code sub} claim of a job running in the deploy environment. */
    public String deployEnvironmentSubject() {
        return "repo:" + repository + ":environment:" + deployEnvironment;
    }
}
