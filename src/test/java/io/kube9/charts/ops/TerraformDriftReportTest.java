package io.kube9.charts.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kube9.charts.cli.DriftReportCommand;
import io.kube9.charts.testing.S3MockServer;
import io.kube9.charts.testing.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Drift produced by the real Terraform and AWS provider: S3 objects applied against S3Mock, one
 * changed out of band through the S3 API, then the refresh-only plan the drift workflow runs
 * (scripts/ci/drift.sh), fed to the drift-report command.
 */
class TerraformDriftReportTest {
    private static final String BUCKET = "kube9-charts-drift";
    /** Regenerate the docs example with: scripts/test -Dtest=TerraformDriftReportTest -Dkube9.writeDocsExamples=true */
    private static final Path DOCS_EXAMPLE = Path.of("docs/examples/drift-report.md");
    private static final Path BUILD_EXAMPLE = Path.of("target/examples/drift-report.md");

    private static S3MockServer s3;
    private static Path report;
    private static int reportExitCode;
    private static int refreshPlanExitCode;

    @BeforeAll
    static void produceDriftAndReport(@TempDir Path dir) throws Exception {
        s3 = S3MockServer.start(BUCKET);
        Files.writeString(dir.resolve("main.tf"), """
                provider "aws" {
                  region                      = "us-east-1"
                  s3_use_path_style           = true
                  skip_credentials_validation = true
                  skip_requesting_account_id  = true
                  skip_metadata_api_check     = true
                  skip_region_validation      = true
                  endpoints {
                    s3 = "%s"
                  }
                }

                resource "aws_s3_object" "index" {
                  bucket        = "%s"
                  key           = "index.yaml"
                  content       = "apiVersion: v1\\nentries: {}\\n"
                  content_type  = "application/yaml"
                  cache_control = "public, max-age=300"
                  tags = {
                    project = "kube9"
                  }
                }

                resource "aws_s3_object" "landing_page" {
                  bucket        = "%2$s"
                  key           = "index.html"
                  content       = "<h1>kube9 charts</h1>"
                  content_type  = "text/html"
                  cache_control = "public, max-age=300"
                }
                """.formatted(s3.endpoint(), BUCKET));
        TerraformCli terraform = new TerraformCli(dir);
        terraform.run("init").requireSuccess();
        terraform.run("apply", "-auto-approve").requireSuccess();

        // Someone "fixes" the index by hand: new content, longer cache lifetime, a tag removed.
        s3.client().putObject(b -> b.bucket(BUCKET).key("index.yaml")
                        .contentType("application/yaml").cacheControl("public, max-age=86400"),
                RequestBody.fromString("apiVersion: v1\nentries: {}\ngenerated: by-hand\n"));

        refreshPlanExitCode = terraform.run("plan", "-refresh-only", "-detailed-exitcode", "-out=drift.tfplan").exitCode();
        Path planJson = dir.resolve("drift-plan.json");
        Files.writeString(planJson, terraform.run("show", "-json", "drift.tfplan").requireSuccess().stdout());

        report = dir.resolve("drift-report.md");
        reportExitCode = new CommandLine(new DriftReportCommand()).execute(planJson.toString(), "--output", report.toString());
        Files.createDirectories(BUILD_EXAMPLE.getParent());
        Files.copy(report, BUILD_EXAMPLE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("kube9.writeDocsExamples")) {
            Files.createDirectories(DOCS_EXAMPLE.getParent());
            Files.copy(report, DOCS_EXAMPLE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void refreshOnlyPlanReportsDriftWithExitCodeTwo() {
        assertEquals(2, refreshPlanExitCode);
    }

    @Test
    void reportNamesTheDriftedResourceAndTheChangedAttributes() throws Exception {
        String markdown = Files.readString(report);
        assertEquals(DriftReportCommand.FINDINGS, reportExitCode);
        assertTrue(markdown.contains("**Verdict:** Drift detected: 1 resource changed outside Terraform"), markdown);
        assertTrue(markdown.contains("### `aws_s3_object.index` (update)"), markdown);
        assertTrue(markdown.contains("| `cache_control` | `\"public, max-age=300\"` | `\"public, max-age=86400\"` |"), markdown);
        assertTrue(markdown.contains("| `etag` |"), markdown);
        assertTrue(markdown.contains("| `tags.project` | `\"kube9\"` | `null` |"), markdown);
        assertTrue(!markdown.contains("aws_s3_object.landing_page"), "the untouched object is not reported: " + markdown);
    }

    @Test
    void docsExampleIsAReportThisTestProduced() throws Exception {
        String example = Files.readString(DOCS_EXAMPLE);
        assertEquals(Files.readString(report), example,
                "docs/examples/drift-report.md is stale: regenerate it with "
                        + "scripts/test -Dtest=TerraformDriftReportTest -Dkube9.writeDocsExamples=true");
    }
}
