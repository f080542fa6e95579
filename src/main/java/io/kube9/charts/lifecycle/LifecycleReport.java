package io.kube9.charts.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.repository.RepositoryRefresh;
import java.util.List;

/**
 * What a lifecycle command did (or, in a dry run, would do); the CLI prints it as text or JSON.
 *
 * @param command         yank, unyank, deprecate or "deprecate --undo"
 * @param version         the version, or null for deprecate
 * @param changed         whether the command changed (or would change) the repository; false when it was
 *                        already in the asked-for state, so a re-run is harmless
 * @param summary         one sentence for people
 * @param entry           the index entry yanked or restored (null for deprecate)
 * @param versionsChanged deprecate: the versions marked; --undo: the versions unmarked
 * @param versionsKept    --undo: the versions whose own Chart.yaml says deprecated, which keep the mark
 */
public record LifecycleReport(String command, String chart, String version, boolean dryRun, boolean changed, String summary,
        JsonNode entry, List<String> versionsChanged, List<String> versionsKept, boolean ledgerWritten, boolean indexWritten,
        int indexAttempts, boolean landingPageWritten, List<String> invalidatedPaths, String invalidationId) {

    /** What was planned or done before the writes: nothing written yet. */
    static LifecycleReport planned(String command, String chart, String version, boolean dryRun, boolean changed, String summary,
            JsonNode entry, List<String> versionsChanged, List<String> versionsKept) {
        return new LifecycleReport(command, chart, version, dryRun, changed, summary, entry, List.copyOf(versionsChanged),
                List.copyOf(versionsKept), false, false, 0, false, List.of(), null);
    }

    LifecycleReport written(boolean ledger, boolean index, int attempts) {
        return new LifecycleReport(command, chart, version, dryRun, changed, summary, entry, versionsChanged, versionsKept,
                ledger, index, attempts, landingPageWritten, invalidatedPaths, invalidationId);
    }

    LifecycleReport refreshed(RepositoryRefresh.Outcome refresh) {
        return new LifecycleReport(command, chart, version, dryRun, changed, summary, entry, versionsChanged, versionsKept,
                ledgerWritten, indexWritten, indexAttempts, refresh.landingPageWritten(), refresh.invalidatedPaths(),
                refresh.invalidationId().orElse(null));
    }
}
