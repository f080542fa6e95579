package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlanJsonReaderTest {

    private static String failure(String json) {
        return assertThrows(PlanJsonReader.InvalidPlanException.class, () -> PlanJsonReader.read(
                new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)), "plan.json"))
                .getMessage();
    }

    @Test
    void missingFormatVersionIsNamed() {
        assertEquals("plan.json: not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                + "at top level: missing field 'format_version'", failure("{'resource_drift':[]}"));
    }

    @Test
    void missingNestedFieldIsNamedWithItsPosition() {
        assertEquals("plan.json: not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                        + "at resource_drift[0]: missing field 'change'",
                failure("{'format_version':'1.2','resource_drift':[{'address':'a.b'}]}"));
        assertEquals("plan.json: not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                        + "at resource_changes[1].change: missing field 'actions'",
                failure("{'format_version':'1.2','resource_changes':[{'address':'a.b','change':{'actions':[]}},"
                        + "{'address':'a.c','change':{}}]}"));
    }

    @Test
    void brokenJsonIsReportedWithLineAndColumn() {
        assertEquals("plan.json: not valid JSON at line 2, column 7: Unexpected character (',' (code 44)):"
                + " was expecting double-quote to start field name", failure("{'format_version':\n'1.2',,}"));
    }

    @Test
    void jsonNullAtTheTopIsNotAPlan() {
        assertEquals("plan.json: not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                + "at top level: null instead of an object", failure("null"));
    }

    @Test
    void nullEntryInAResourceListIsNamedWithItsPosition() {
        assertEquals("plan.json: not a Terraform plan in JSON (from `terraform show -json PLANFILE`): "
                + "at top level: resource_drift has a null entry", failure("{'format_version':'1.2','resource_drift':[null]}"));
    }

    @Test
    void emptyInputSaysWhatWasExpected() {
        assertEquals("plan.json: is empty; expected the output of `terraform show -json PLANFILE`", failure("  \n"));
    }

    @Test
    void erroredPlanIsRefused() {
        assertEquals("plan.json: Terraform marked this plan as errored (field 'errored' is true); the plan is incomplete,"
                + " fix the errors `terraform plan` printed first", failure("{'format_version':'1.2','errored':true}"));
    }
}
