package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.iam_openid_connect_provider.IamOpenidConnectProvider;
import java.util.List;
import software.constructs.Construct;

/**
 * The account's identity provider for GitHub Actions OIDC tokens. An account has one per issuer URL,
 * so the bootstrap stack owns it and the other stacks look it up.
 */
public final class GithubOidcProvider extends Construct {
    public static final String ISSUER_URL = PublisherAccess.GITHUB_OIDC_URL;
    /** The {@code aud} claim of tokens requested by aws-actions/configure-aws-credentials. */
    public static final String AUDIENCE = PublisherAccess.GITHUB_OIDC_AUDIENCE;

    private final IamOpenidConnectProvider provider;

    public GithubOidcProvider(Construct scope, String id) {
        super(scope, id);
        provider = IamOpenidConnectProvider.Builder.create(this, "provider")
                .url(ISSUER_URL)
                .clientIdList(List.of(AUDIENCE))
                .thumbprintList(PublisherAccess.GITHUB_OIDC_THUMBPRINTS)
                .build();
    }

    public String arn() {
        return provider.getArn();
    }

    /** The prefix of the condition keys in trust policies, e.g. {@code token.actions.githubusercontent.com:sub}. */
    public static String conditionKeyPrefix() {
        return ISSUER_URL.replaceFirst("^https://", "");
    }
}
