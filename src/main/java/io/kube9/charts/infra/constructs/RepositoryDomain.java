package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordAlias;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** A name of the repository in Route53: A and AAAA alias records pointing at the distribution. */
public final class RepositoryDomain extends Construct {
    private static final List<String> RECORD_TYPES = List.of("A", "AAAA");

    /** What this stack does with the name's records. */
    public enum Records {
        /** A new name: an existing record is an error. */
        CREATE,
        /** The name's records exist (created by the system being replaced): they are overwritten, not refused. */
        TAKE_OVER,
        /**
         * Another distribution holds the name and its records are not ours: none are declared, and records an
         * earlier stage took over are dropped from the state ({@code removed}, destroy = false), never deleted.
         */
        LEAVE
    }

    /** @param targetZoneId the zone of the alias target (CloudFront's own) */
    public record Props(String domain, String zoneId, String targetDomainName, String targetZoneId, Records records) {}

    public RepositoryDomain(Construct scope, String id, Props props) {
        super(scope, id);
        List<Map<String, Object>> forgotten = new ArrayList<>();
        for (String type : RECORD_TYPES) {
            String recordId = "alias-" + type.toLowerCase();
            if (props.records() == Records.LEAVE) {
                forgotten.add(Map.of("from", address(recordId), "lifecycle", Map.of("destroy", false)));
                continue;
            }
            Route53Record.Builder.create(this, recordId)
                    .zoneId(props.zoneId())
                    .name(props.domain())
                    .type(type)
                    .alias(Route53RecordAlias.builder()
                            .name(props.targetDomainName())
                            .zoneId(props.targetZoneId())
                            .evaluateTargetHealth(false)
                            .build())
                    .allowOverwrite(props.records() == Records.TAKE_OVER ? true : null)
                    .build();
        }
        if (!forgotten.isEmpty()) {
            TerraformStack.of(this).addOverride("removed", forgotten);
        }
    }

    /** The Terraform address the record at {@code recordId} has when it is declared (in stage live). */
    private String address(String recordId) {
        String logicalId = TerraformStack.of(this).getLogicalId(new Construct(this, recordId).getNode());
        return Route53Record.TF_RESOURCE_TYPE + "." + logicalId;
    }
}
