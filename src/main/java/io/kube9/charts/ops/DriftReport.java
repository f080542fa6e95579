package io.kube9.charts.ops;

import java.util.List;

/**
 * What a plan says about the world: resources changed outside Terraform ({@code resource_drift}) and
 * changes Terraform would make ({@code resource_changes}, no-ops left out).
 */
public record DriftReport(String terraformVersion, List<ResourceReport> drifted, List<ResourceReport> planned,
                          int normalisationOnly) {

    public DriftReport {
        drifted = List.copyOf(drifted);
        planned = List.copyOf(planned);
    }

    public record ResourceReport(String address, String action, List<AttributeChange> attributes) {
        public ResourceReport {
            attributes = List.copyOf(attributes);
        }

        /**
         * An update whose values differ only between null and empty is the provider normalising what it read
         * back, not a change anyone made; creates, deletes and replacements always count.
         */
        boolean isMeaningful() {
            return !action.equals("update") || !attributes.isEmpty();
        }
    }

    public static DriftReport of(TerraformPlan plan, ValueFormat format) {
        AttributeDiff diff = new AttributeDiff(format);
        List<ResourceReport> drifted = reports(plan.resourceDrift(), diff);
        List<ResourceReport> planned = reports(plan.resourceChanges(), diff);
        List<ResourceReport> meaningfulDrift = drifted.stream().filter(ResourceReport::isMeaningful).toList();
        List<ResourceReport> meaningfulPlanned = planned.stream().filter(ResourceReport::isMeaningful).toList();
        int normalisationOnly = drifted.size() - meaningfulDrift.size() + planned.size() - meaningfulPlanned.size();
        return new DriftReport(plan.terraformVersion(), meaningfulDrift, meaningfulPlanned, normalisationOnly);
    }

    private static List<ResourceReport> reports(List<ResourceChange> changes, AttributeDiff diff) {
        return changes.stream()
                .filter(change -> !change.isNoOp())
                .map(change -> new ResourceReport(change.address(), change.actionLabel(),
                        change.isUpdate() ? diff.changes(change.change()) : List.of()))
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
