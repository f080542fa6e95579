package io.kube9.charts.ops;

import java.util.List;

/**
 * What a plan says about the world: resources changed outside Terraform ({@code resource_drift}) and
 * changes Terraform would make ({@code resource_changes}, no-ops left out).
 */
public record DriftReport(String terraformVersion, List<ResourceReport> drifted, List<ResourceReport> planned) {

    public DriftReport {
        drifted = List.copyOf(drifted);
        planned = List.copyOf(planned);
    }

    public record ResourceReport(String address, String action, List<AttributeChange> attributes) {
        public ResourceReport {
            attributes = List.copyOf(attributes);
        }
    }

    public static DriftReport of(TerraformPlan plan, ValueFormat format) {
        AttributeDiff diff = new AttributeDiff(format);
        return new DriftReport(plan.terraformVersion(),
                reports(plan.resourceDrift(), diff),
                reports(plan.resourceChanges(), diff));
    }

    private static List<ResourceReport> reports(List<ResourceChange> changes, AttributeDiff diff) {
        return changes.stream()
                .filter(change -> !change.isNoOp())
                .map(change -> new ResourceReport(change.address(), change.actionLabel(), diff.changes(change.change())))
                .toList();
    }

    public boolean hasFindings() {
        return !drifted.isEmpty() || !planned.isEmpty();
    }

    /** One line for a job summary, an issue title or a log. */
    public String verdict() {
        if (!hasFindings()) {
            return "No drift: the infrastructure matches the Terraform state and configuration.";
        }
        String drift = drifted.isEmpty()
                ? "No drift outside Terraform"
                : "Drift detected: " + count(drifted.size(), "resource") + " changed outside Terraform";
        String changes = planned.isEmpty()
                ? "no planned changes"
                : count(planned.size(), "planned change");
        return drift + "; " + changes + ".";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
