package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.TerraformIterator;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
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
        // domain_validation_options is a set of objects: key it by domain name to iterate over it.
        MapTerraformIterator options = TerraformIterator.fromMap(Token.asAnyMap("${{for option in "
                + certificate.getFqn() + ".domain_validation_options : option.domain_name => option}}"));
        Route53Record records = Route53Record.Builder.create(this, "validation-record")
                .forEach(options)
                .zoneId(props.zoneId())
                .name(options.getString("resource_record_name"))
                .type(options.getString("resource_record_type"))
                .records(List.of(options.getString("resource_record_value")))
                .ttl(300)
                .allowOverwrite(true)
                .build();
        AcmCertificateValidation validation = AcmCertificateValidation.Builder.create(this, "validation")
                .provider(props.usEast1())
                .certificateArn(certificate.getArn())
                .validationRecordFqdns(Token.asList("${[for record in " + records.getFqn() + " : record.fqdn]}"))
                .build();
        return validation.getCertificateArn();
    }

    public String arn() {
        return arn;
    }
}
