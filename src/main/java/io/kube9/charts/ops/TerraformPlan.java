package io.kube9.charts.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The parts of {@code terraform show -json <planfile>} the drift report reads
 * (<a href="https://developer.hashicorp.com/terraform/internals/json-format">JSON output format</a>).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TerraformPlan(
        @JsonProperty("format_version") String formatVersion,
        @JsonProperty("terraform_version") String terraformVersion,
        @JsonProperty("resource_drift") List<ResourceChange> resourceDrift,
        @JsonProperty("resource_changes") List<ResourceChange> resourceChanges,
        @JsonProperty("errored") boolean errored) {

    public TerraformPlan {
        Required.field(formatVersion, "format_version");
        resourceDrift = resourceDrift == null ? List.of() : Required.entries(resourceDrift, "resource_drift");
        resourceChanges = resourceChanges == null ? List.of() : Required.entries(resourceChanges, "resource_changes");
    }
}
