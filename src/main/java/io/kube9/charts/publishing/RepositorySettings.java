package io.kube9.charts.publishing;

import io.kube9.charts.publishing.index.IndexFormat;

/**
 * How the repository is written.
 *
 * @param repositoryUrl           the public URL, e.g. https://charts.kube9.io (entry URLs start with it)
 * @param repositoryName          the name users give it in {@code helm repo add}, shown on the landing page
 * @param relativeUrls            write entry URLs relative to the index instead
 * @param landingPage             keep index.html in step with the index
 * @param artifactHubRepositoryId when not null, keep artifacthub-repo.yml with this repository ID
 */
public record RepositorySettings(String repositoryUrl, String repositoryName, boolean relativeUrls,
        IndexFormat indexFormat, boolean landingPage, boolean waitForInvalidation, RetryPolicy retry,
        String artifactHubRepositoryId) {

    /** Without Artifact Hub metadata. */
    public RepositorySettings(String repositoryUrl, String repositoryName, boolean relativeUrls, IndexFormat indexFormat,
            boolean landingPage, boolean waitForInvalidation, RetryPolicy retry) {
        this(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, waitForInvalidation, retry, null);
    }

    public static RepositorySettings defaults(String repositoryUrl) {
        return new RepositorySettings(repositoryUrl, "kube9", false, IndexFormat.JSON, true, false, RetryPolicy.DEFAULT, null);
    }

    public RepositorySettings withRelativeUrls(boolean relative) {
        return new RepositorySettings(repositoryUrl, repositoryName, relative, indexFormat, landingPage, waitForInvalidation,
                retry, artifactHubRepositoryId);
    }

    public RepositorySettings withIndexFormat(IndexFormat format) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, format, landingPage, waitForInvalidation,
                retry, artifactHubRepositoryId);
    }

    public RepositorySettings withWaitForInvalidation(boolean wait) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, wait,
                retry, artifactHubRepositoryId);
    }

    public RepositorySettings withArtifactHubRepositoryId(String id) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, waitForInvalidation,
                retry, id);
    }

    public String packageUrl(String packageKey) {
        if (relativeUrls) {
            return packageKey;
        }
        return repositoryUrl.endsWith("/") ? repositoryUrl + packageKey : repositoryUrl + "/" + packageKey;
    }
}
