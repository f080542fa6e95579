package io.kube9.charts.cli;

import io.kube9.charts.repository.ChartRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.cdn.CloudFrontInvalidator;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.index.IndexFormat;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the index and landing page are written, and which CDN to refresh. */
final class RepositoryOptions {
    @Option(names = "--repo-url", paramLabel = "URL", defaultValue = "https://charts.kube9.io",
            description = "The repository's public URL; entry URLs start with it (default: ${DEFAULT-VALUE}).")
    String repositoryUrl;

    @Option(names = "--repo-name", paramLabel = "NAME", defaultValue = "kube9",
            description = "The name shown in the landing page's `helm repo add` command (default: ${DEFAULT-VALUE}).")
    String repositoryName;

    @Option(names = "--index-format", paramLabel = "json|yaml", defaultValue = "json",
            converter = IndexFormatConverter.class,
            description = "index.yaml as JSON (valid YAML; loads several times faster in Helm >= 3.13) or YAML"
                    + " (default: ${DEFAULT-VALUE}).")
    IndexFormat indexFormat;

    @Option(names = "--relative-urls", description = "Write entry URLs relative to the index instead of absolute.")
    boolean relativeUrls;

    @Option(names = "--no-landing-page", negatable = false,
            description = "Do not write index.html (the page a browser shows at the repository URL).")
    boolean noLandingPage;

    @Option(names = "--artifacthub-repository-id", paramLabel = "UUID",
            description = "Also keep artifacthub-repo.yml with this Artifact Hub repository ID (ownership claim).")
    String artifactHubRepositoryId;

    @Option(names = "--distribution-id", paramLabel = "ID",
            description = "The CloudFront distribution whose cache to invalidate for the changed paths.")
    String distributionId;

    @Option(names = "--cloudfront-endpoint", paramLabel = "URL", hidden = true,
            description = "A CloudFront API endpoint instead of AWS (tests).")
    URI cloudFrontEndpoint;

    @Option(names = "--cloudfront-poll-interval", paramLabel = "DURATION", hidden = true, defaultValue = "PT10S",
            description = "How often --wait asks CloudFront, as an ISO-8601 duration (tests, with --cloudfront-endpoint).")
    Duration cloudFrontPollInterval;

    @Option(names = "--wait", description = "Wait until the CloudFront invalidation has completed.")
    boolean waitForInvalidation;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "20",
            description = "Attempts to update index.yaml while other publishers change it (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    RepositorySettings settings() {
        if (maxAttempts < 1) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--max-attempts': " + maxAttempts + " (at least 1)");
        }
        if (!isAbsoluteHttpUrl(repositoryUrl)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--repo-url': " + repositoryUrl
                    + " (an absolute http:// or https:// URL, such as https://charts.kube9.io; entry URLs start with it)");
        }
        return RepositorySettings.defaults(repositoryUrl)
                .withRepositoryName(repositoryName)
                .withRelativeUrls(relativeUrls)
                .withIndexFormat(indexFormat)
                .withLandingPage(!noLandingPage)
                .withWaitForInvalidation(waitForInvalidation)
                .withRetry(new RetryPolicy(maxAttempts, RetryPolicy.DEFAULT.baseDelay(), RetryPolicy.DEFAULT.maxDelay()))
                .withArtifactHubRepositoryId(artifactHubRepositoryId);
    }

    /** The repository in {@code store}, written with {@code settings}; a dry run refreshes no CDN. */
    ChartRepository open(ObjectStore store, RepositorySettings settings, boolean dryRun, Progress progress) {
        return ChartRepository.open(store, settings, dryRun ? Invalidator.NONE : invalidator(), Clock.systemUTC(), progress);
    }

    Invalidator invalidator() {
        return distributionId == null ? Invalidator.NONE : CloudFrontInvalidator.connect(distributionId, cloudFrontEndpoint,
                cloudFrontPollInterval);
    }

    static final class IndexFormatConverter implements picocli.CommandLine.ITypeConverter<IndexFormat> {
        @Override
        public IndexFormat convert(String value) {
            return IndexFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static boolean isAbsoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
