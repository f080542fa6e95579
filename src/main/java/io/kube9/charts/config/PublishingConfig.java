package io.kube9.charts.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who may publish charts into the repository: the GitHub repositories whose release jobs call this project's
 * reusable workflow {@link #REUSABLE_WORKFLOW}, each with its own role, and the refs of that workflow the roles accept.
 */
public record PublishingConfig(List<PublishingRepository> repositories, List<String> workflowRefs) {
    /** The reusable workflow in this hosting project that a chart repository's release job calls. */
    public static final String REUSABLE_WORKFLOW = ".github/workflows/publish-charts.yml";

    /** Copies that keep null entries, so the validator can report them (List.copyOf would throw). */
    public PublishingConfig {
        repositories = repositories == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(repositories));
        workflowRefs = workflowRefs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(workflowRefs));
    }
}
