package io.kube9.charts.repository;

import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.index.IndexFormat;

/**
 * How the repository is written.
 *
 * @param repositoryUrl           the public URL, e.g. https://charts.kube9.io (entry URLs start with it)
 * @param repositoryName          the name users give it in {@code helm repo add}, shown on the landing page
 * @param relativeUrls            write entry URLs relative to the index instead
 * @param landingPage             keep index.html in step with the index
 * @param artifactHubRepositoryId when not null, keep artifacthub-repo.yml with this repository ID
 * @param ociRepository           when not null, the OCI repository charts are also pushed to, e.g.
 *                                {@code oci://public.ecr.aws/kube9} (a chart NAME lives at {@code <ociRepository>/NAME})
 */
public record RepositorySettings(String repositoryUrl, String repositoryName, boolean relativeUrls,
        IndexFormat indexFormat, boolean landingPage, boolean waitForInvalidation, RetryPolicy retry,
        String artifactHubRepositoryId, String ociRepository) {

    public static RepositorySettings defaults(String repositoryUrl) {
        return new RepositorySettings(repositoryUrl, "kube9", false, IndexFormat.JSON, true, false, RetryPolicy.DEFAULT, null, null);
    }

    public RepositorySettings withRepositoryName(String name) {
        return new RepositorySettings(repositoryUrl, name, relativeUrls, indexFormat, landingPage, waitForInvalidation,
                retry, artifactHubRepositoryId, ociRepository);
    }

    public RepositorySettings withRelativeUrls(boolean relative) {
        return new RepositorySettings(repositoryUrl, repositoryName, relative, indexFormat, landingPage, waitForInvalidation,
                retry, artifactHubRepositoryId, ociRepository);
    }

    public RepositorySettings withIndexFormat(IndexFormat format) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, format, landingPage, waitForInvalidation,
                retry, artifactHubRepositoryId, ociRepository);
    }

    public RepositorySettings withLandingPage(boolean page) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, page, waitForInvalidation,
                retry, artifactHubRepositoryId, ociRepository);
    }

    public RepositorySettings withWaitForInvalidation(boolean wait) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, wait,
                retry, artifactHubRepositoryId, ociRepository);
    }

    public RepositorySettings withRetry(RetryPolicy policy) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, waitForInvalidation,
                policy, artifactHubRepositoryId, ociRepository);
    }

    public RepositorySettings withArtifactHubRepositoryId(String id) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, waitForInvalidation,
                retry, id, ociRepository);
    }

    public RepositorySettings withOciRepository(String repository) {
        return new RepositorySettings(repositoryUrl, repositoryName, relativeUrls, indexFormat, landingPage, waitForInvalidation,
                retry, artifactHubRepositoryId, repository);
    }

    /** The URL an index entry gives for the object under {@code key} (see {@link PackageUrls} for the encoding). */
    public String packageUrl(String key) {
        String path = PackageUrls.encode(key);
        if (relativeUrls) {
            return path;
        }
        return repositoryUrl.endsWith("/") ? repositoryUrl + path : repositoryUrl + "/" + path;
    }

    /** The object key an entry URL points at in this repository, accepting a literal or an encoded {@code +}. */
    public java.util.Optional<String> keyOf(String url) {
        return PackageUrls.keyOf(url, repositoryUrl);
    }
}
