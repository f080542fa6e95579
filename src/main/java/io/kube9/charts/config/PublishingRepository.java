package io.kube9.charts.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A GitHub repository whose release tags (matching {@code tags}) may publish {@code charts}, through a role of its
 * own. {@code repositoryId}, GitHub's numeric ID, optionally pins the role to that repository across renames.
 */
public record PublishingRepository(String repository, Long repositoryId, String tags, List<String> charts) {

    /** A copy that keeps null entries, so the validator can report them (List.copyOf would throw). */
    public PublishingRepository {
        charts = charts == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(charts));
    }

    public Optional<Long> id() {
        return Optional.ofNullable(repositoryId);
    }

    /** The OIDC {@code sub} claim of its release runs (a reusable workflow's token carries the caller's subject). */
    public String releaseTagSubject() {
        return "repo:" + repository + ":ref:refs/tags/" + tags;
    }
}
