package io.kube9.charts.infra;

import static io.kube9.charts.infra.StackJson.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS and TLS: the certificate (requested or existing) and the alias records of a repository that owns its name
 * from the start (CutoverStagesTest covers the names while a live name is taken over).
 */
class RepositoryDomainTest {
    private static final String EXISTING_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

    @TempDir
    static Path dir;
    private static StackJson production;
    /** A new name (no cutover) with a certificate named in configuration. */
    private static StackJson owned;

    @BeforeAll
    static void synthesize() {
        production = Synthesized.productionStack(dir);
        owned = Synthesized.chartHostingStack(dir, "cutover: null\ncertificate:\n  existingArn: " + EXISTING_ARN + "\n");
    }

    @Test
    void hostedZoneIsLookedUpByName() {
        JsonNode zone = production.root().path("data").path("aws_route53_zone").path("hosted-zone");
        assertEquals("kube9.io", zone.path("name").asText());
        assertEquals(false, zone.path("private_zone").asBoolean(true));
    }

    @Test
    void aAndAaaaAliasRecordsPointAtTheDistribution() {
        String zoneRef = "${data.aws_route53_zone.hosted-zone.zone_id}";
        for (String type : List.of("A", "AAAA")) {
            JsonNode record = owned.resource("aws_route53_record", "domain/alias-" + type.toLowerCase());
            assertEquals(type, record.path("type").asText());
            assertEquals("charts.kube9.io", record.path("name").asText());
            assertEquals(zoneRef, record.path("zone_id").asText());
            JsonNode alias = record.path("alias");
            assertEquals(owned.ref("aws_cloudfront_distribution", "cdn/distribution", "domain_name"), alias.path("name").asText());
            assertEquals(owned.ref("aws_cloudfront_distribution", "cdn/distribution", "hosted_zone_id"),
                    alias.path("zone_id").asText());
            assertEquals(false, alias.path("evaluate_target_health").asBoolean(true));
            assertTrue(record.path("allow_overwrite").isMissingNode(), "a new name: an existing record is an error, not taken over");
        }
    }

    @Test
    void certificateForTheWildcardIsRequestedInUsEast1WithDnsValidation() {
        JsonNode certificate = production.resource("aws_acm_certificate", "certificate/certificate");
        assertEquals("*.kube9.io", certificate.path("domain_name").asText());
        assertEquals("DNS", certificate.path("validation_method").asText());
        assertEquals("aws.us_east_1", certificate.path("provider").asText());
        JsonNode aliasProvider = production.root().path("provider").path("aws").get(1);
        assertEquals("us_east_1", aliasProvider.path("alias").asText());
        assertEquals("us-east-1", aliasProvider.path("region").asText());
    }

    @Test
    void CKV_AWS_233_certificateIsReplacedBeforeItIsDestroyed() {
        assertTrue(production.resource("aws_acm_certificate", "certificate/certificate")
                .path("lifecycle").path("create_before_destroy").asBoolean());
    }

    @Test
    void CKV_AWS_234_certificateTransparencyLogging() {
        assertEquals("ENABLED", production.resource("aws_acm_certificate", "certificate/certificate")
                .path("options").path("certificate_transparency_logging_preference").asText());
    }

    @Test
    void validationRecordIsCreatedInTheZoneFromTheCertificatesOnlyValidationOption() {
        JsonNode record = production.resource("aws_route53_record", "certificate/validation-record");
        String option = "${tolist(" + production.address("aws_acm_certificate", "certificate/certificate")
                + ".domain_validation_options)[0].";
        assertEquals(option + "resource_record_name}", record.path("name").asText());
        assertEquals(option + "resource_record_type}", record.path("type").asText());
        assertEquals(List.of(option + "resource_record_value}"), strings(record.path("records")));
        assertEquals("${data.aws_route53_zone.hosted-zone.zone_id}", record.path("zone_id").asText());
        assertTrue(record.path("for_each").isMissingNode(), "a static address, known at plan time");
        assertTrue(production.resource("aws_acm_certificate", "certificate/certificate").path("subject_alternative_names")
                .isMissingNode(), "one name, so one validation option");
    }

    @Test
    void distributionWaitsForTheValidatedCertificate() {
        JsonNode validation = production.resource("aws_acm_certificate_validation", "certificate/validation");
        assertEquals("aws.us_east_1", validation.path("provider").asText());
        assertEquals(production.ref("aws_acm_certificate", "certificate/certificate", "arn"), validation.path("certificate_arn").asText());
        assertEquals(List.of(production.ref("aws_route53_record", "certificate/validation-record", "fqdn")),
                strings(validation.path("validation_record_fqdns")));
    }

    @Test
    void existingCertificateArnIsUsedInsteadOfRequestingOne() {
        assertTrue(owned.resources("aws_acm_certificate").isEmpty());
        assertTrue(owned.resources("aws_acm_certificate_validation").isEmpty());
        assertTrue(owned.resources("aws_route53_record").stream()
                .noneMatch(record -> record.path("type").asText().contains("domain_validation_options")), "no validation record");
        assertEquals(EXISTING_ARN, owned.resource("aws_cloudfront_distribution", "cdn/distribution")
                .path("viewer_certificate").path("acm_certificate_arn").asText());
    }
}
