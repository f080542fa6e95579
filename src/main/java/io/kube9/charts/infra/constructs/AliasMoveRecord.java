package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import java.util.List;
import software.constructs.Construct;

/**
 * The DNS proof CloudFront's AssociateAlias checks before it moves an alternate domain name from one
 * distribution to another: a TXT record {@code _<domain>} whose values are the domain names of the
 * distributions the name may move to (CloudFront Developer Guide, "Moving an alternate domain name to a
 * different distribution"). Listing the legacy distribution too keeps a move back possible.
 */
public final class AliasMoveRecord extends Construct {
    private static final int TTL_SECONDS = 300;

    /** @param targetDistributionDomainNames {@code *.cloudfront.net} names the alias may be moved to */
    public record Props(String domain, String zoneId, List<String> targetDistributionDomainNames) {}

    public AliasMoveRecord(Construct scope, String id, Props props) {
        super(scope, id);
        Route53Record.Builder.create(this, "txt")
                .zoneId(props.zoneId())
                .name("_" + props.domain())
                .type("TXT")
                .ttl(TTL_SECONDS)
                .records(props.targetDistributionDomainNames())
                .build();
    }
}
