package io.kube9.charts.infra.constructs;

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

    private final AwsProvider usEast1;

    public AwsProviders(Construct scope, String id, Props props) {
        super(scope, id);
        List<AwsProviderDefaultTags> tags = List.of(AwsProviderDefaultTags.builder().tags(props.defaultTags()).build());
        AwsProvider.Builder.create(this, "aws").region(props.region()).defaultTags(tags).build();
        usEast1 = AwsProvider.Builder.create(this, "aws-us-east-1")
                .alias(US_EAST_1_ALIAS).region("us-east-1").defaultTags(tags).build();
        TerraformStack.of(this).addOverride("terraform.required_providers.aws.version", VERSION_CONSTRAINT);
    }

    /** For ACM certificates CloudFront uses. */
    public AwsProvider usEast1() {
        return usEast1;
    }
}
