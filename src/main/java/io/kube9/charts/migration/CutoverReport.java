package io.kube9.charts.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a cutover (or its rollback) checked and did.
 *
 * @param comparison the index that users must keep seeing against the one about to serve them
 * @param problems   why it refused to move (empty when it moved, or would have)
 * @param moved      whether this run asked CloudFront to move the alias (false when it was already moved)
 * @param serving    whether the public URL served the target's index when the run ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CutoverReport(boolean rollback, boolean dryRun, String alias, String fromDistribution, String toDistribution,
        IndexComparison comparison, List<String> problems, boolean moved, boolean alreadyMoved, boolean serving,
        long waitedSeconds, List<String> nextSteps) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
