package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.config.ConfigLoader;
import io.kube9.charts.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Terraform against the real hashicorp/aws provider (local mirror): {@code terraform init
 * -backend=false} and {@code terraform validate} on every synthesized stack, which also runs the
 * provider's own argument validators. Fails when terraform or the provider mirror is missing.
 */
class TerraformValidateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static SynthApp.Synthesis production;
    private static SynthApp.Synthesis staging;
    private static SynthApp.Synthesis existingCertificateAndOwnOidcProvider;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.all(dir, ConfigLoader.defaults());
        staging = Synthesized.all(dir, ConfigLoader.load(Path.of("config/staging.yaml")));
        existingCertificateAndOwnOidcProvider = Synthesized.all(dir, Synthesized.config(dir, """
                certificate:
                  existingArn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
                github:
                  createOidcProvider: true
                """));
    }

    @Test
    void everyProductionStackIsValidTerraform() throws Exception {
        assertAllValid(production);
    }

    @Test
    void everyStagingStackIsValidTerraform() throws Exception {
        assertAllValid(staging);
    }

    @Test
    void existingCertificateAndCreatedOidcProviderVariantIsValidTerraform() throws Exception {
        assertAllValid(existingCertificateAndOwnOidcProvider);
    }

    private static void assertAllValid(SynthApp.Synthesis synthesis) throws Exception {
        assertFalse(synthesis.stacks().isEmpty());
        for (String stack : synthesis.stacks()) {
            Path work = Files.createTempDirectory(dir, stack);
            Files.copy(synthesis.stackFile(stack), work.resolve("cdk.tf.json"));
            Result init = terraform(work, "init", "-backend=false", "-input=false", "-no-color");
            assertEquals(0, init.exitCode(), () -> stack + ": terraform init failed:\n" + init.output());
            Result validate = terraform(work, "validate", "-json", "-no-color");
            JsonNode report = JSON.readTree(validate.output());
            assertTrue(report.path("valid").asBoolean(), () -> stack + ": terraform validate:\n" + validate.output());
            assertEquals(0, report.path("warning_count").asInt(), () -> stack + ": terraform validate warnings:\n" + validate.output());
            assertEquals(0, validate.exitCode());
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result terraform(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("TF_CLI_CONFIG_FILE", TestTools.terraformCliConfig().toString());
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("terraform is not on PATH (this machine image ships Terraform 1.11)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "terraform " + args[0] + " did not finish");
        return new Result(process.exitValue(), output);
    }
}
