package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordAlias;
import java.util.List;
import software.constructs.Construct;

/** A name of the repository in Route53: A and AAAA alias records pointing at the distribution. */
public final class RepositoryDomain extends Construct {
    private static final List<String> RECORD_TYPES = List.of("A", "AAAA");

    /**
     * @param targetZoneId the zone of the alias target (CloudFront's own)
     * @param takeOverExistingRecords true when the name's records already exist (created by the system being
     *                                replaced): they are overwritten instead of failing with "record exists"
     */
    public record Props(String domain, String zoneId, String targetDomainName, String targetZoneId,
                        boolean takeOverExistingRecords) {}

    public RepositoryDomain(Construct scope, String id, Props props) {
        super(scope, id);
        for (String type : RECORD_TYPES) {
            Route53Record.Builder.create(this, "alias-" + type.toLowerCase())
                    .zoneId(props.zoneId())
                    .name(props.domain())
                    .type(type)
                    .alias(Route53RecordAlias.builder()
                            .name(props.targetDomainName())
                            .zoneId(props.targetZoneId())
                            .evaluateTargetHealth(false)
                            .build())
                    .allowOverwrite(props.takeOverExistingRecords() ? true : null)
                    .build();
        }
    }
}
