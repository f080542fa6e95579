package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_openid_connect_provider.DataAwsIamOpenidConnectProvider;
import com.hashicorp.cdktf.providers.aws.iam_openid_connect_provider.IamOpenidConnectProvider;
import java.util.List;
import software.constructs.Construct;

/**
 * The account's identity provider for GitHub Actions OIDC tokens. An account has one per issuer URL,
 * so the bootstrap stack owns it and the other stacks look it up ({@link #arn(Construct, String, boolean)}).
 */
public final class GithubOidcProvider extends Construct {
    public static final String ISSUER_URL = "https://token.actions.githubusercontent.com";
    /** The {@code aud} claim of tokens requested by aws-actions/configure-aws-credentials. */
    public static final String AUDIENCE = "sts.amazonaws.com";
    /** GitHub's published thumbprints; AWS no longer checks them, providers before 5.81 require some. */
    static final List<String> THUMBPRINTS =
            List.of("6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd");

    private final IamOpenidConnectProvider provider;

    public GithubOidcProvider(Construct scope, String id) {
        super(scope, id);
        provider = IamOpenidConnectProvider.Builder.create(this, "provider")
                .url(ISSUER_URL)
                .clientIdList(List.of(AUDIENCE))
                .thumbprintList(THUMBPRINTS)
                .build();
    }

    /** The ARN of a provider created in {@code scope} when {@code create}, else of the account's existing one. */
    public static String arn(Construct scope, String id, boolean create) {
        return create
                ? new GithubOidcProvider(scope, id).arn()
                : DataAwsIamOpenidConnectProvider.Builder.create(scope, id).url(ISSUER_URL).build().getArn();
    }

    public String arn() {
        return provider.getArn();
    }

    /** The prefix of the condition keys in trust policies, e.g. {@code token.actions.githubusercontent.com:sub}. */
    public static String conditionKeyPrefix() {
        return ISSUER_URL.replaceFirst("^https://", "");
    }
}
