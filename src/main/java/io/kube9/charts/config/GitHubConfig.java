package io.kube9.charts.config;

/**
 * The GitHub side of this hosting project: its {@code owner/repo} (whose CI, deploy and lifecycle workflows the
 * bootstrap and chart stacks trust), the GitHub environment that deploy and lifecycle jobs run in, and whether this
 * stack creates the account's single GitHub OIDC identity provider (normally the bootstrap stack owns it). The
 * repositories whose releases publish charts are {@link PublishingConfig}.
 */
public record GitHubConfig(String repository, String deployEnvironment, boolean createOidcProvider) {
    /** The ref of this project's main branch, where deploy and lifecycle runs come from. */
    public static final String MAIN = "refs/heads/main";

    /** The OIDC {@code sub} claim of a job running in the deploy environment. */
    public String deployEnvironmentSubject() {
        return "repo:" + repository + ":environment:" + deployEnvironment;
    }

    /** The OIDC {@code sub} claim of a job of this project running on {@code ref} (outside any environment). */
    public String refSubject(String ref) {
        return "repo:" + repository + ":ref:" + ref;
    }

    /**
     * The OIDC {@code job_workflow_ref} claim of a job in this project's {@code workflowFile} at {@code ref}, e.g.
     * {@code alto9/kube9-charts/.github/workflows/publish-charts.yml@refs/heads/main}. In a called (reusable) workflow
     * it names the called workflow, not the caller's; in any other job it names the job's own workflow.
     */
    public String jobWorkflowRef(String workflowFile, String ref) {
        return repository + "/" + workflowFile + "@" + ref;
    }
}
