package io.kube9.charts.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Taking over a repository name that another CloudFront distribution serves today, in two reviewed
 * stages. {@code parallel}: the legacy distribution keeps the name; ours serves the repository under its
 * CloudFront domain (and {@code stagingDomain}, if set) while a {@code _<domain>} TXT record lets
 * CloudFront's AssociateAlias move the name to it. {@code live}: ours holds the name and its Route53
 * A/AAAA records replace the legacy ones; the TXT record stays, so the name can be moved back.
 * Without this section ({@code cutover: null}) the stack owns the name from the start.
 *
 * @param legacyDistributionDomain the legacy distribution's {@code *.cloudfront.net} name, also listed in
 *                                 the TXT record so a rollback move to it is allowed
 */
public record CutoverConfig(String stage, String stagingDomain, String legacyDistributionDomain) {
    public static final String PARALLEL = "parallel";
    public static final String LIVE = "live";

    public boolean live() {
        return LIVE.equals(stage);
    }

    public Optional<String> staging() {
        return Optional.ofNullable(stagingDomain);
    }

    public Optional<String> legacyDistribution() {
        return Optional.ofNullable(legacyDistributionDomain);
    }

    /** The names our distribution claims: the repository name only once it is live, the staging name always. */
    public List<String> aliases(String repositoryDomain) {
        List<String> aliases = new ArrayList<>();
        if (live()) {
            aliases.add(repositoryDomain);
        }
        staging().ifPresent(aliases::add);
        return List.copyOf(aliases);
    }
}
