package io.kube9.charts.cli;

import io.kube9.charts.repository.storage.LocalDirectoryStore;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.S3ObjectStore;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the repository is stored: an S3 bucket or a local directory. */
final class StoreOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--bucket", paramLabel = "NAME",
            description = "The repository's S3 bucket (credentials from the standard AWS chain; in CI the OIDC role).")
    String bucket;

    @Option(names = "--local-dir", paramLabel = "DIR",
            description = "A local directory instead of a bucket (preview, tests); created if missing.")
    Path localDirectory;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An S3-compatible endpoint instead of AWS.")
    URI endpoint;

    @Option(names = "--path-style", description = "Address the bucket in the URL path (most S3-compatible servers).")
    boolean pathStyle;

    @Option(names = "--region", paramLabel = "REGION", description = "The bucket's region (default: from the AWS chain).")
    String region;

    /** Fails with a usage error unless exactly one target is given; opens nothing. */
    void validate() {
        if ((bucket == null) == (localDirectory == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --bucket or --local-dir");
        }
    }

    ObjectStore open() {
        validate();
        return bucket != null
                ? S3ObjectStore.connect(bucket, endpoint, region, pathStyle)
                : new LocalDirectoryStore(localDirectory);
    }
}
