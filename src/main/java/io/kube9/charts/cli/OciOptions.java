package io.kube9.charts.cli;

import io.kube9.charts.oci.OciMirror;
import io.kube9.charts.repository.PackageMirror;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.oci.RegistryAccess;
import io.kube9.charts.oci.RegistryClient;
import io.kube9.charts.oci.RegistryCredentials;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositorySettings;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The OCI repository charts are also pushed to (publish, import) or checked in (verify), and how to reach its registry.
 * Commands that only name the repository on the landing page use {@link OciRepositoryOption}; the option keeps its
 * own help text here (it pushes) and shares the parsing.
 */
final class OciOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = OciRepositoryOption.NAME, paramLabel = OciRepositoryOption.PARAM_LABEL,
            description = "Also this OCI repository: chart NAME as a Helm chart artifact at oci://HOST/PATH/NAME, tagged"
                    + " with its version (+ written as _), e.g. oci://public.ecr.aws/kube9 or oci://ghcr.io/alto9/charts."
                    + " Users then run `helm install NAME oci://HOST/PATH/NAME --version V`.")
    String ociRepository;

    @Option(names = "--oci-plain-http", description = "Reach the registry over plain HTTP instead of HTTPS (a local registry"
            + " without TLS, tests).")
    boolean plainHttp;

    @Option(names = "--registry-config", paramLabel = "FILE",
            description = "Registry credentials: a config.json as `helm registry login` or `docker login` writes it, with an"
                    + " auths entry for the registry (default: Helm's registry/config.json, then ~/.docker/config.json)."
                    + " For public.ecr.aws without an entry, a push token comes from the AWS credentials.")
    Path registryConfig;

    @Option(names = "--ecr-public-endpoint", paramLabel = "URL", hidden = true,
            description = "An ECR Public API endpoint instead of AWS (tests).")
    URI ecrPublicEndpoint;

    /** The settings with the OCI repository, unchanged without --oci-repository; a bad value is a usage error. */
    RepositorySettings apply(RepositorySettings settings) {
        return OciRepositoryOption.apply(spec, ociRepository, settings);
    }

    /**
     * The package mirror to write to or check, {@link PackageMirror#NONE} without --oci-repository; bad options or
     * credential files are usage errors.
     */
    PackageMirror mirror(RetryPolicy retry, Progress progress) {
        RegistryClient client = connect(progress);
        return client == null ? PackageMirror.NONE : new OciMirror(client, retry, progress);
    }

    /** A client for the registry, or null without --oci-repository; bad options or credential files are usage errors. */
    RegistryClient connect(Progress progress) {
        if (ociRepository == null) {
            if (plainHttp || registryConfig != null) {
                throw new ParameterException(spec.commandLine(), (plainHttp ? "--oci-plain-http" : "--registry-config")
                        + " needs --oci-repository oci://HOST[:PORT]/PATH");
            }
            return null;
        }
        try {
            return RegistryClient.connect(OciRepositoryOption.parse(spec, ociRepository), RegistryAccess.defaults()
                    .withPlainHttp(plainHttp).withRegistryConfig(registryConfig).withEcrPublicEndpoint(ecrPublicEndpoint), progress);
        } catch (RegistryCredentials.InvalidConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
