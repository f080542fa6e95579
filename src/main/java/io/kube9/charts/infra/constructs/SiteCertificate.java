package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.acm_certificate.AcmCertificate;
import com.hashicorp.cdktf.providers.aws.acm_certificate.AcmCertificateOptions;
import com.hashicorp.cdktf.providers.aws.acm_certificate_validation.AcmCertificateValidation;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The certificate CloudFront presents. Either an issued certificate named in configuration, or one
 * requested here from ACM in us-east-1 (through the aliased provider), validated by DNS records in
 * the hosted zone; the ARN handed out then is the validated one, so the distribution waits for it.
 */
public final class SiteCertificate extends Construct {

    /** @param usEast1 the provider certificates for CloudFront must be created with */
    public record Props(String domainName, String zoneId, Optional<String> existingArn, TerraformProvider usEast1) {}

    private final String arn;

    public SiteCertificate(Construct scope, String id, Props props) {
        super(scope, id);
        arn = props.existingArn().orElseGet(() -> requestCertificate(props));
    }

    private String requestCertificate(Props props) {
        AcmCertificate certificate = AcmCertificate.Builder.create(this, "certificate")
                .provider(props.usEast1())
                .domainName(props.domainName())
                .validationMethod("DNS")
                .options(AcmCertificateOptions.builder().certificateTransparencyLoggingPreference("ENABLED").build())
                .lifecycle(TerraformResourceLifecycle.builder().createBeforeDestroy(true).build())
                .build();
        Route53Record record = Route53Record.Builder.create(this, "validation-record")
                .zoneId(props.zoneId())
                .name(validationOption(certificate, "resource_record_name"))
                .type(validationOption(certificate, "resource_record_type"))
                .records(List.of(validationOption(certificate, "resource_record_value")))
                .ttl(300)
                .allowOverwrite(true)
                .build();
        AcmCertificateValidation validation = AcmCertificateValidation.Builder.create(this, "validation")
                .provider(props.usEast1())
                .certificateArn(certificate.getArn())
                .validationRecordFqdns(List.of(record.getFqdn()))
                .build();
        return validation.getCertificateArn();
    }

    /**
     * The certificate has one name (no alternative names), so one validation option. Indexing it
     * keeps the record's address static; a for_each keyed on the options' domain names would not
     * be known until the certificate exists.
     */
    private static String validationOption(AcmCertificate certificate, String attribute) {
        return "${tolist(" + certificate.getFqn() + ".domain_validation_options)[0]." + attribute + "}";
    }

    public String arn() {
        return arn;
    }
}
