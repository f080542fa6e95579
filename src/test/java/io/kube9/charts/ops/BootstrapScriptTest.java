package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.Testing;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.infra.BootstrapStack;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/bootstrap.sh for real, against S3Mock: apply with local state, then migrate the state into
 * the S3 backend the bootstrap stack synthesizes (its exact backend block; only the endpoint settings
 * come from KUBE9_BACKEND_CONFIG). The AWS resources are replaced by a terraform_data resource, because
 * IAM and bucket configuration cannot be applied offline.
 */
class BootstrapScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static S3MockServer s3;
    private static JsonNode backend;
    private static String stateBucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void synthesizeBackendAndStartS3() throws Exception {
        JsonNode stack = JSON.readTree(Testing.synth(new BootstrapStack(Testing.app(), ConfigLoader.defaults())));
        backend = stack.path("terraform").path("backend");
        stateBucket = backend.path("s3").path("bucket").asText();
        s3 = S3MockServer.start(stateBucket);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private TerraformCli.Result bootstrap(Path stackDir, Path localState, String... args) throws Exception {
        // a path with a space: KUBE9_BACKEND_CONFIG must reach terraform as one argument
        Path backendConfig = Files.createDirectories(dir.resolve("backend config")).resolve("s3mock.s3.tfbackend");
        Files.writeString(backendConfig, TerraformCli.s3MockBackendConfig(s3));
        TerraformCli cli = new TerraformCli(Path.of("").toAbsolutePath(), Map.of(
                "KUBE9_BOOTSTRAP_STACK_DIR", stackDir.toString(),
                "KUBE9_BOOTSTRAP_STATE", localState.toString(),
                "KUBE9_BACKEND_CONFIG", backendConfig.toString(),
                "KUBE9_AUTO_APPROVE", "1"));
        List<String> command = new java.util.ArrayList<>(List.of("scripts/bootstrap.sh"));
        command.addAll(List.of(args));
        return cli.exec(command);
    }

    @Test
    void firstRunAppliesLocallyThenMigratesTheStateIntoTheBucketAndLaterRunsUseIt() throws Exception {
        Path stackDir = Files.createDirectories(dir.resolve("stack"));
        ObjectNode config = JSON.createObjectNode();
        config.putObject("terraform").set("backend", backend);
        config.putObject("resource").putObject("terraform_data").putObject("marker").put("input", "bootstrapped");
        config.putObject("output").putObject("plan_role_arn").put("value", "arn:aws:iam::123456789012:role/kube9-bootstrap/plan");
        Files.writeString(stackDir.resolve("cdk.tf.json"), JSON.writeValueAsString(config));
        Path localState = dir.resolve("bootstrap.tfstate");

        bootstrap(stackDir, localState).requireSuccess();

        JsonNode state = JSON.readTree(s3.client().getObjectAsBytes(b -> b.bucket(stateBucket)
                .key(BootstrapStack.STATE_KEY)).asByteArray());
        assertEquals("marker", state.path("resources").path(0).path("name").asText());
        assertFalse(Files.exists(localState), "the local copy is deleted after a verified migration");
        assertFalse(Files.exists(stackDir.resolve("bootstrap_local_backend_override.tf.json")));

        TerraformCli.Result later = bootstrap(stackDir, localState, "apply").requireSuccess();
        assertTrue(later.output().contains("No changes."), later.output());
        assertTrue(later.output().contains("AWS_PLAN_ROLE_ARN=arn:aws:iam::123456789012:role/kube9-bootstrap/plan"),
                later.output());
    }

    @Test
    void migrateWithoutALocalStateSaysWhatToRunFirst() throws Exception {
        TerraformCli.Result result = bootstrap(Files.createDirectories(dir.resolve("empty")), dir.resolve("none.tfstate"),
                "migrate");
        assertEquals(1, result.exitCode());
        assertEquals("[bootstrap] error: no local bootstrap state at " + dir.resolve("none.tfstate")
                + ": run 'scripts/bootstrap.sh apply-local' first", result.stderr().strip());
    }
}
