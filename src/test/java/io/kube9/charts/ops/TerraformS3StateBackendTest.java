package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real Terraform S3 backend with S3-native locking ({@code use_lockfile}) against a real S3 API
 * (S3Mock). The backend block has the production shape; only the endpoint settings come from a
 * {@code -backend-config} file, the same mechanism scripts/bootstrap.sh uses.
 */
class TerraformS3StateBackendTest {
    private static final String BUCKET = "kube9-tfstate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static S3MockServer s3;
    private static S3Client client;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() {
        s3 = S3MockServer.start(BUCKET);
        client = s3.client();
    }

    @AfterAll
    static void stopS3() {
        client.close();
        s3.close();
    }

    private TerraformCli workspace(String name, String stateKey) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.writeString(root.resolve("main.tf"), """
                terraform {
                  backend "s3" {
                    bucket       = "%s"
                    key          = "%s"
                    region       = "us-east-1"
                    encrypt      = true
                    use_lockfile = true
                  }
                }

                variable "release" {
                  type = string
                }

                resource "terraform_data" "marker" {
                  input = var.release
                }

                output "release" {
                  value = terraform_data.marker.output
                }
                """.formatted(BUCKET, stateKey));
        Files.writeString(root.resolve("s3mock.s3.tfbackend"), TerraformCli.s3MockBackendConfig(s3));
        TerraformCli terraform = new TerraformCli(root);
        terraform.run("init", "-backend-config=s3mock.s3.tfbackend").requireSuccess();
        return terraform;
    }

    private boolean objectExists(String key) {
        return client.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    @Test
    void stateIsWrittenToTheBucketAndReadBackFromAnotherCheckout() throws Exception {
        String key = "charts/terraform.tfstate";
        workspace("first", key).run("apply", "-auto-approve", "-var", "release=1.0.0").requireSuccess();

        JsonNode state = JSON.readTree(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
        assertEquals("1.0.0", state.path("outputs").path("release").path("value").asText());
        assertEquals("marker", state.path("resources").path(0).path("name").asText());
        assertFalse(objectExists(key + ".tflock"), "the lock file is removed after the apply");

        TerraformCli second = workspace("second", key);
        assertEquals("1.0.0", second.run("output", "-raw", "release").requireSuccess().stdout());
        second.run("plan", "-detailed-exitcode", "-var", "release=1.0.0").requireExitCode(0);
    }

    @Test
    void aHeldLockRefusesAnotherOperationUntilItIsReleased() throws Exception {
        String key = "locked/terraform.tfstate";
        TerraformCli terraform = workspace("locked", key);
        terraform.run("apply", "-auto-approve", "-var", "release=1.0.0").requireSuccess();
        client.putObject(b -> b.bucket(BUCKET).key(key + ".tflock"), RequestBody.fromString("""
                {"ID":"3f0c1b6e-held-by-another-run","Operation":"OperationTypeApply","Info":"",
                 "Who":"runner@deploy-infrastructure","Version":"1.11.4","Created":"2026-11-24T06:00:00Z","Path":"%s/%s"}
                """.formatted(BUCKET, key)));

        TerraformCli.Result refused = terraform.run("apply", "-auto-approve", "-lock-timeout=0s", "-var", "release=2.0.0")
                .requireExitCode(1);
        assertTrue(refused.output().contains("Error acquiring the state lock"), refused.output());
        assertTrue(refused.output().contains("runner@deploy-infrastructure"), "names who holds the lock: " + refused.output());
        assertEquals("1.0.0", terraform.run("output", "-raw", "release").requireSuccess().stdout());

        terraform.run("force-unlock", "-force", "3f0c1b6e-held-by-another-run").requireSuccess();
        terraform.run("apply", "-auto-approve", "-lock-timeout=0s", "-var", "release=2.0.0").requireSuccess();
        assertEquals("2.0.0", terraform.run("output", "-raw", "release").requireSuccess().stdout());
    }

    @Test
    void aSecondTerraformIsRefusedWhileARunningTerraformHoldsTheLock() throws Exception {
        String key = "concurrent/terraform.tfstate";
        TerraformCli terraform = workspace("concurrent", key);
        terraform.run("apply", "-auto-approve", "-var", "release=1.0.0").requireSuccess();

        Process holder = terraform.start("console", "-var", "release=1.0.0"); // holds the lock while its input is open
        try {
            for (int i = 0; i < 600 && !objectExists(key + ".tflock") && holder.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertTrue(objectExists(key + ".tflock"), "terraform console took the S3 lock file");

            TerraformCli.Result refused = terraform.run("apply", "-auto-approve", "-lock-timeout=0s", "-var", "release=2.0.0")
                    .requireExitCode(1);
            assertTrue(refused.output().contains("Error acquiring the state lock"), refused.output());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(1, TimeUnit.MINUTES), "terraform console did not end when its input closed");
        }
        assertFalse(objectExists(key + ".tflock"), "the lock is released when the holder ends");
        terraform.run("apply", "-auto-approve", "-lock-timeout=0s", "-var", "release=2.0.0").requireSuccess();
        assertEquals("2.0.0", terraform.run("output", "-raw", "release").requireSuccess().stdout());
    }
}
