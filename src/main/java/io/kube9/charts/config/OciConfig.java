package io.kube9.charts.config;

import java.util.Optional;

/**
 * Where the release also pushes each chart as an OCI artifact ({@code helm install NAME oci://.../NAME}):
 * {@link #OFF}, {@link #ECR_PUBLIC} (repositories created by the chart stack, {@code public.ecr.aws/<ecrPublicAlias>/charts/NAME})
 * or {@link #REGISTRY} (any registry path, e.g. {@code ghcr.io/alto9/charts}, managed elsewhere).
 */
public record OciConfig(String target, String ecrPublicAlias, String registry) {
    public static final String OFF = "off";
    public static final String ECR_PUBLIC = "ecr-public";
    public static final String REGISTRY = "registry";
    /** Where the chart stack's ECR Public repositories are (EcrPublicChartRepositoriesTest keeps the two in step). */
    private static final String ECR_PUBLIC_CHARTS = "public.ecr.aws/%s/charts";

    /** YAML 1.1 reads an unquoted {@code target: off} as the boolean false, which arrives here as text. */
    public OciConfig {
        target = "false".equals(target) ? OFF : target;
    }

    public boolean ecrPublic() {
        return ECR_PUBLIC.equals(target);
    }

    /** What {@code publish --oci-repository} takes (a chart NAME lives at {@code <url>/NAME}); empty when off. */
    public Optional<String> repositoryUrl() {
        if (ecrPublic()) {
            return Optional.of("oci://" + ECR_PUBLIC_CHARTS.formatted(ecrPublicAlias));
        }
        return REGISTRY.equals(target) ? Optional.of("oci://" + registry) : Optional.empty();
    }
}
