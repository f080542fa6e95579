package io.kube9.charts.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One entry of {@code resource_drift} or {@code resource_changes}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceChange(
        @JsonProperty("address") String address,
        @JsonProperty("mode") String mode,
        @JsonProperty("type") String type,
        @JsonProperty("change") Change change) {

    public ResourceChange {
        Required.field(address, "address");
        Required.field(change, "change");
    }

    /** True for the entries Terraform lists although nothing happens to them (no-op, data source reads). */
    public boolean isNoOp() {
        return change.actions().isEmpty()
                || change.actions().equals(List.of("no-op"))
                || change.actions().equals(List.of("read"));
    }

    /** Attribute-level differences are shown for updates and replacements; a create or delete speaks for itself. */
    public boolean isUpdate() {
        return change.actions().contains("update") || actionLabel().equals("replace");
    }

    /** The action as a person reads it: create, update, delete, replace, ... */
    public String actionLabel() {
        List<String> actions = change.actions();
        if (actions.size() == 2 && actions.contains("create") && actions.contains("delete")) {
            return "replace";
        }
        return String.join(", ", actions);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(
            @JsonProperty("actions") List<String> actions,
            @JsonProperty("before") JsonNode before,
            @JsonProperty("after") JsonNode after,
            @JsonProperty("after_unknown") JsonNode afterUnknown,
            @JsonProperty("before_sensitive") JsonNode beforeSensitive,
            @JsonProperty("after_sensitive") JsonNode afterSensitive) {

        public Change {
            Required.field(actions, "actions");
            actions = Required.entries(actions, "actions");
        }
    }
}
