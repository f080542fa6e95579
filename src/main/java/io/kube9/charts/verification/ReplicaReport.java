package io.kube9.charts.verification;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica compared with its primary.
 *
 * @param missing       keys of the primary the replica lacks (the CDN's failover would answer 403/404 for them)
 * @param different     keys whose bytes or headers differ, each with how
 * @param onlyInReplica keys only the replica has: informational, not a problem
 */
public record ReplicaReport(String primary, String replica, int objects, List<String> missing, List<String> different,
        List<String> onlyInReplica) {
    public boolean ok() {
        return missing.isEmpty() && different.isEmpty();
    }

    /** Every problem as one line, each naming the fix. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        missing.forEach(key -> problems.add(key + " is missing from the replica " + replica + ": replication did not copy it (an"
                + " object written before replication was configured needs S3 Batch Replication, docs/operations.md)"));
        different.forEach(line -> problems.add(line + ": the replica " + replica + " differs (replication lag, or a write to"
                + " the replica itself)"));
        return problems;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("replica " + replica + ": " + objects + " objects of " + primary + " compared");
        problems().forEach(problem -> lines.add("problem: " + problem));
        onlyInReplica.forEach(key -> lines.add("note: " + key + " is only in the replica"));
        lines.add(ok() ? "replica ok" : "replica: " + (missing.size() + different.size()) + " problem(s)");
        return lines;
    }
}
