package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * A resource the provider has but the CDKTF bindings (cdktf-provider-aws 18.0.3, hashicorp/aws 5.23.1) do not: a bare
 * {@link TerraformResource} whose arguments are written as they appear in Terraform's JSON syntax. Nothing checks them
 * at synthesis, so every such resource is proven by {@code terraform validate} and a mock-provider plan against the
 * real provider schema (TerraformValidateTest, SynthesizedStacksPlanWithMockProviderTest).
 */
final class PlainTerraformResource {
    private PlainTerraformResource() {}

    static TerraformResource create(Construct scope, String id, String type, TerraformProvider provider,
                                    Map<String, Object> arguments, List<ITerraformDependable> dependsOn) {
        TerraformResource resource = new TerraformResource(scope, id, TerraformResourceConfig.builder()
                .terraformResourceType(type)
                .provider(provider)
                .dependsOn(dependsOn.isEmpty() ? null : dependsOn)
                .build());
        // Sorted: the overrides are listed in the stack's metadata, which must not change from one synthesis to the next.
        new TreeMap<>(arguments).forEach(resource::addOverride);
        return resource;
    }
}
