package io.kube9.charts.cli;

import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.repository.RepositorySettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Only --oci-repository, for the commands that re-render the landing page but push nothing (yank, unyank,
 * deprecate): the page keeps its oci:// install commands. No registry is reached, so there are no registry
 * options; {@link OciOptions} is the push side and parses the value with the same {@link #parse}.
 */
final class OciRepositoryOption {
    static final String NAME = "--oci-repository";
    static final String PARAM_LABEL = "oci://HOST[:PORT]/PATH";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = NAME, paramLabel = PARAM_LABEL,
            description = "The OCI repository the landing page's install commands name (`helm install NAME"
                    + " oci://HOST/PATH/NAME --version V`); nothing is pushed. Pass the one the releases push to, or the"
                    + " page loses its oci:// commands.")
    String ociRepository;

    /** The settings with the OCI repository, unchanged without --oci-repository; a bad value is a usage error. */
    RepositorySettings apply(RepositorySettings settings) {
        return apply(spec, ociRepository, settings);
    }

    static RepositorySettings apply(CommandSpec spec, String value, RepositorySettings settings) {
        return value == null ? settings : settings.withOciRepository(parse(spec, value).toString());
    }

    /** The --oci-repository value parsed; one that is not oci://HOST[:PORT]/PATH is a usage error of spec's command. */
    static OciRepository parse(CommandSpec spec, String value) {
        try {
            return OciRepository.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + NAME + "': " + e.getMessage());
        }
    }
}
