package io.kube9.charts.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube9.charts.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCI target: ECR Public repositories per chart (production), none when off, none for another registry. */
class EcrPublicChartRepositoriesTest {
    @TempDir
    static Path dir;
    private static StackJson production;
    private static StackJson two;
    private static StackJson ociOff;
    private static StackJson ghcr;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        two = Synthesized.chartHostingStack(dir, PublisherAccessTest.TWO_REPOSITORIES);
        ociOff = Synthesized.chartHostingStack(dir, "oci:\n  target: \"off\"\n");
        ghcr = Synthesized.chartHostingStack(dir, "oci:\n  target: registry\n  registry: ghcr.io/alto9/charts\n");
    }

    @Test
    void oneRepositoryPerConfiguredChartInUsEast1() {
        assertEquals(1, production.resources("aws_ecrpublic_repository").size());
        assertEquals(3, two.resources("aws_ecrpublic_repository").size());
        for (String chart : new String[] {"kube9-operator", "kube9-agent", "kube9-agent-crds"}) {
            JsonNode repository = two.resource("aws_ecrpublic_repository", "oci-repositories/" + chart);
            assertEquals("charts/" + chart, repository.path("repository_name").asText());
            assertEquals("aws.us_east_1", repository.path("provider").asText(), "ECR Public exists only in us-east-1");
            assertTrue(repository.path("force_destroy").isMissingNode(), "published versions are never force-deleted");
        }
    }

    @Test
    void catalogDataDescribesTheChartAndShowsTheInstallCommand() {
        JsonNode catalog = production.resource("aws_ecrpublic_repository", "oci-repositories/kube9-operator").path("catalog_data");
        assertEquals("Helm chart kube9-operator, released by alto9/kube9-operator; the same packages as https://charts.kube9.io",
                catalog.path("description").asText());
        assertTrue(catalog.path("about_text").asText().contains("same sha256 digest"), catalog.toString());
        assertTrue(catalog.path("usage_text").asText().contains(
                "helm install kube9-operator oci://public.ecr.aws/kube9/charts/kube9-operator --version <version>"), catalog.toString());
    }

    /** The alias belongs to the account and cannot be set by Terraform: apply fails loudly if it is not the configured one. */
    @Test
    void eachRepositoryChecksThatItLivesUnderTheConfiguredAlias() {
        JsonNode postcondition = production.resource("aws_ecrpublic_repository", "oci-repositories/kube9-operator")
                .path("lifecycle").path("postcondition").get(0);
        assertEquals("${self.repository_uri == \"public.ecr.aws/kube9/charts/kube9-operator\"}", postcondition.path("condition").asText());
        assertTrue(postcondition.path("error_message").asText().contains("Set oci.ecrPublicAlias"), postcondition.toString());
    }

    /** The configuration's OCI URL (what the publisher is given) is where the stack puts each chart's repository. */
    @Test
    void theConfiguredOciRepositoryUrlLeadsToEachChartsRepository() {
        String url = ConfigLoader.defaults().oci().repositoryUrl().orElseThrow();
        String condition = production.resource("aws_ecrpublic_repository", "oci-repositories/kube9-operator")
                .path("lifecycle").path("postcondition").get(0).path("condition").asText();
        assertEquals("${self.repository_uri == \"" + url.substring("oci://".length()) + "/kube9-operator\"}", condition);
    }

    @Test
    void outputIsWhatPublishOciRepositoryTakes() {
        assertEquals("oci://public.ecr.aws/kube9/charts", production.root().path("output").path("oci_repository_url").path("value").asText());
        assertEquals("oci://ghcr.io/alto9/charts", ghcr.root().path("output").path("oci_repository_url").path("value").asText());
        assertEquals("", ociOff.root().path("output").path("oci_repository_url").path("value").asText());
    }

    @Test
    void noEcrPublicResourcesForOtherTargets() {
        assertTrue(ociOff.resources("aws_ecrpublic_repository").isEmpty());
        assertTrue(ghcr.resources("aws_ecrpublic_repository").isEmpty());
    }
}
