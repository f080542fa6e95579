package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The AWS providers of a stack: the default one in the stack's region and an aliased one in
 * us-east-1 (where CloudFront certificates must live), both tagging every resource they create.
 * Also widens the provider version constraint the bindings pin (exactly 5.23.1) to current 5.x.
 */
public final class AwsProviders extends Construct {
    private static final String US_EAST_1_ALIAS = "us_east_1";
    private static final String VERSION_CONSTRAINT = ">= 5.23.1, < 6.0.0";

    public record Props(String region, Map<String, String> defaultTags) {}

    private final List<AwsProviderDefaultTags> tags;
    private final AwsProvider usEast1;

    public AwsProviders(Construct scope, String id, Props props) {
        super(scope, id);
        tags = List.of(AwsProviderDefaultTags.builder().tags(props.defaultTags()).build());
        AwsProvider.Builder.create(this, "aws").region(props.region()).defaultTags(tags).build();
        usEast1 = AwsProvider.Builder.create(this, "aws-us-east-1")
                .alias(US_EAST_1_ALIAS).region("us-east-1").defaultTags(tags).build();
        TerraformStack.of(this).addOverride("terraform.required_providers.aws.version", VERSION_CONSTRAINT);
    }

    /** For ACM certificates CloudFront uses, and for CloudFront's metrics and alarms. */
    public AwsProvider usEast1() {
        return usEast1;
    }

    /** An aliased provider in a further region (e.g. the replica bucket's), tagging like the others. */
    public AwsProvider inRegion(String alias, String region) {
        return AwsProvider.Builder.create(this, "aws-" + alias.replace('_', '-'))
                .alias(alias).region(region).defaultTags(tags).build();
    }

    /** Puts every resource and data source under {@code scope} on {@code provider} (a construct in another region). */
    public static void assign(Construct scope, TerraformProvider provider) {
        scope.getNode().findAll().forEach(child -> {
            if (child instanceof TerraformResource resource) {
                resource.setProvider(provider);
            } else if (child instanceof TerraformDataSource data) {
                data.setProvider(provider);
            }
        });
    }
}
