package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.ecrpublic_repository.EcrpublicRepository;
import com.hashicorp.cdktf.providers.aws.ecrpublic_repository.EcrpublicRepositoryCatalogData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One ECR Public repository per chart, {@code public.ecr.aws/<alias>/charts/<chart>}, where releases push each
 * package as an OCI artifact ({@code helm install NAME oci://...}; anyone may pull). ECR Public exists only in
 * us-east-1. The registry alias belongs to the account (claimed once in the ECR Public console, not by Terraform), so
 * each repository checks after apply that AWS put it under the configured alias. Repositories are not force-destroyed:
 * removing a chart from the configuration fails the apply while the repository holds versions.
 */
public final class EcrPublicChartRepositories extends Construct {
    /** Repository names are {@code <NAMESPACE>/<chart>}, apart from any image repositories of the account. */
    public static final String NAMESPACE = "charts";
    public static final String HOST = "public.ecr.aws";
    /** What pushing a chart needs on its repository (AWS: "Pushing an image to a public repository"). */
    public static final List<String> PUSH_ACTIONS = List.of("ecr-public:BatchCheckLayerAvailability",
            "ecr-public:InitiateLayerUpload", "ecr-public:UploadLayerPart", "ecr-public:CompleteLayerUpload",
            "ecr-public:PutImage");
    /** The statement allowing {@link #LOGIN_ACTIONS}: with the CI roles' lookups, the only unscoped resources. */
    public static final String LOGIN_SID = "EcrPublicLogin";
    /** The registry login before a push; AWS authorises both only on {@code Resource: "*"}. */
    public static final List<String> LOGIN_ACTIONS = List.of("ecr-public:GetAuthorizationToken", "sts:GetServiceBearerToken");

    /**
     * @param alias          the account's ECR Public registry alias
     * @param publisherOfChart each chart and the GitHub repository whose releases publish it
     * @param helmRepositoryUrl the classic repository serving the same packages, e.g. {@code https://charts.kube9.io}
     * @param usEast1        the provider in us-east-1
     */
    public record Props(String alias, Map<String, String> publisherOfChart, String helmRepositoryUrl, TerraformProvider usEast1) {}

    private final Map<String, EcrpublicRepository> repositories = new LinkedHashMap<>();

    public EcrPublicChartRepositories(Construct scope, String id, Props props) {
        super(scope, id);
        String alias = props.alias();
        props.publisherOfChart().forEach((chart, publisher) -> {
            String uri = HOST + "/" + alias + "/" + NAMESPACE + "/" + chart;
            repositories.put(chart, EcrpublicRepository.Builder.create(this, chart)
                    .provider(props.usEast1())
                    .repositoryName(NAMESPACE + "/" + chart)
                    .catalogData(EcrpublicRepositoryCatalogData.builder()
                            .description("Helm chart " + chart + ", released by " + publisher + "; the same packages as "
                                    + props.helmRepositoryUrl())
                            .aboutText(aboutText(chart, publisher, props.helmRepositoryUrl()))
                            .usageText(usageText(chart, uri, props.helmRepositoryUrl()))
                            .build())
                    .lifecycle(TerraformResourceLifecycle.builder().postcondition(List.of(Postcondition.builder()
                            .condition("${self.repository_uri == \"" + uri + "\"}")
                            .errorMessage("ECR Public created ${self.repository_uri}, not " + uri + ": this account's"
                                    + " registry alias is not '" + alias + "'. Set oci.ecrPublicAlias to the alias the ECR"
                                    + " Public console shows for the account's public registry, then synthesize and apply again.")
                            .build())).build())
                    .build());
        });
    }

    /** The ARN of each chart's repository, for the push permissions of the role that publishes it. */
    public String arn(String chart) {
        return repositories.get(chart).getArn();
    }

    /** ECR Public repository ARNs have no region; this matches every chart repository of {@code account}. */
    public static String arnPattern(String account) {
        return "arn:aws:ecr-public::" + account + ":repository/" + NAMESPACE + "/*";
    }

    private static String aboutText(String chart, String publisher, String helmRepositoryUrl) {
        return "## " + chart + "\n\nA Helm chart released by [" + publisher + "](https://github.com/" + publisher + ").\n\n"
                + "Every version here is the very package (same sha256 digest) that the Helm repository " + helmRepositoryUrl
                + " lists in its index.yaml, pushed as an OCI artifact by the same release.\n";
    }

    private static String usageText(String chart, String uri, String helmRepositoryUrl) {
        return "## Install\n\n```\nhelm install " + chart + " oci://" + uri + " --version <version>\n```\n\n"
                + "Or pull it, or show its values:\n\n```\nhelm pull oci://" + uri + " --version <version>\n"
                + "helm show values oci://" + uri + " --version <version>\n```\n\n"
                + "From the classic Helm repository instead:\n\n```\nhelm repo add kube9 " + helmRepositoryUrl + "\n"
                + "helm install " + chart + " kube9/" + chart + "\n```\n";
    }
}
