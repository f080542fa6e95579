package io.kube9.charts.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Reads {@code terraform show -json <planfile>} output, with messages that name the source and the field. */
public final class PlanJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PlanJsonReader() {}

    /** @param source how to name the input in messages, e.g. the file path or "standard input" */
    public static TerraformPlan read(InputStream in, String source) {
        TerraformPlan plan;
        try {
            byte[] json = in.readAllBytes();
            if (new String(json, StandardCharsets.UTF_8).isBlank()) {
                throw new InvalidPlanException(source + ": is empty; expected the output of `terraform show -json PLANFILE`");
            }
            plan = MAPPER.readValue(json, TerraformPlan.class);
            if (plan == null) {
                throw new InvalidPlanException(source + ": not a Terraform plan in JSON (from `terraform show -json PLANFILE`):"
                        + " at top level: null instead of an object");
            }
        } catch (JsonMappingException e) {
            throw new InvalidPlanException(source + ": not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                    + describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidPlanException(source + ": cannot be read: " + e.getMessage());
        }
        if (plan.errored()) {
            throw new InvalidPlanException(source + ": Terraform marked this plan as errored (field 'errored' is true);"
                    + " the plan is incomplete, fix the errors `terraform plan` printed first");
        }
        return plan;
    }

    private static String describe(JsonMappingException e) {
        String at = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        String where = at.isEmpty() ? "top level" : at.startsWith(".") ? at.substring(1) : at;
        String problem = e instanceof ValueInstantiationException && e.getCause() != null
                ? e.getCause().getMessage()
                : e.getOriginalMessage();
        return "at " + where + ": " + problem;
    }

    public static final class InvalidPlanException extends RuntimeException {
        public InvalidPlanException(String message) {
            super(message);
        }
    }
}
