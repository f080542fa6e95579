package io.kube9.charts.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything that differs between chart repository environments. Loaded and validated by
 * {@link ConfigLoader}; the built-in defaults describe the kube9 production repository.
 */
public record ChartHostingConfig(
        String environment,
        RepositoryConfig repository,
        CutoverConfig cutover,
        CertificateConfig certificate,
        BucketConfig bucket,
        CdnConfig cdn,
        GitHubConfig github,
        PublishingConfig publishing,
        OciConfig oci,
        AlertsConfig alerts,
        StateBackendConfig stateBackend,
        StatisticsConfig statistics,
        Map<String, String> tags) {

    /** Every stack, bucket and role name starts with this; the CI deploy role may manage only those. */
    public static final String NAME_PREFIX = "kube9-charts-";

    public ChartHostingConfig {
        // Sorted, so synthesized default tags come out in a stable order.
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** The Terraform stack name of the chart hosting stack, also its directory under cdktf.out/stacks. */
    public String stackName() {
        return NAME_PREFIX + environment;
    }

    /** The role a publishing repository's release runs assume: {@code <stack>-publisher-<owner>.<repo>} (the '.' keeps
     *  {@code a-b/c} and {@code a/b-c} apart, as GitHub owners have no dots). */
    public String publisherRoleName(PublishingRepository publisher) {
        return stackName() + "-publisher-" + publisher.repository().replace('/', '.');
    }

    /** The role the chart lifecycle workflow (yank, unyank, deprecate) assumes. */
    public String lifecycleRoleName() {
        return stackName() + "-lifecycle";
    }

    /** The read-only role the repository monitor workflow assumes. */
    public String monitorRoleName() {
        return stackName() + "-monitor";
    }

    /** The role S3 replicates the chart bucket to its replica with. */
    public String replicationRoleName() {
        return stackName() + "-replication";
    }

    /** What {@code helm repo add} is given. */
    public String repositoryUrl() {
        return "https://" + repository.domain();
    }

    /** The staged take-over of a name another distribution serves; empty when this stack owns the name from the start. */
    public Optional<CutoverConfig> stagedCutover() {
        return Optional.ofNullable(cutover);
    }

    /** The alternate domain names of the distribution, for the stage the configuration is in. */
    public List<String> distributionAliases() {
        return stagedCutover().map(c -> c.aliases(repository.domain())).orElse(List.of(repository.domain()));
    }

    /** The configured tags plus the environment, applied to every resource as provider default tags. */
    public Map<String, String> defaultTags() {
        Map<String, String> all = new TreeMap<>(tags);
        all.put("environment", environment);
        return Collections.unmodifiableMap(all);
    }
}
