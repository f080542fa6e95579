package io.kube9.charts.oci;

import io.kube9.charts.repository.OciRepository;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.PublishingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import land.oras.ContainerRef;
import land.oras.Descriptor;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.auth.AuthProvider;
import land.oras.auth.NoAuthProvider;
import land.oras.auth.UsernamePasswordProvider;
import land.oras.exception.OrasException;

/**
 * The registry requests the publisher makes, through oras-java: read what a tag holds, upload a blob
 * (skipped when the registry has it), write a manifest under a tag. Each call is bounded by a timeout
 * (oras-java 0.2.15 sets none on its requests, so a silent registry would otherwise hold the publisher
 * forever) and its failures are classified as transient or not ({@link RegistryException}).
 */
public final class RegistryClient implements AutoCloseable {
    private final OciRepository repository;
    private final Registry registry;
    private final Duration callTimeout;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "oci-registry-call");
        thread.setDaemon(true);
        return thread;
    });

    RegistryClient(OciRepository repository, boolean plainHttp, AuthProvider auth, Duration callTimeout) {
        this.repository = repository;
        this.registry = Registry.builder().withRegistry(repository.host()).withInsecure(plainHttp).withAuthProvider(auth).build();
        this.callTimeout = callTimeout;
    }

    /**
     * Connects to the repository's registry with credentials found as {@link RegistryCredentials} describes
     * (for ECR Public, a push token from AWS when no file has one); nothing is sent to the registry yet.
     */
    public static RegistryClient connect(OciRepository repository, RegistryAccess access, Progress progress) {
        Optional<RegistryCredentials.Credential> credential = RegistryCredentials.find(repository.host(), access, progress);
        AuthProvider auth = credential.<AuthProvider>map(c -> new UsernamePasswordProvider(c.username(), c.password()))
                .orElseGet(NoAuthProvider::new);
        return new RegistryClient(repository, access.plainHttp(), auth, access.callTimeout());
    }

    public OciRepository repository() {
        return repository;
    }

    /**
     * What the tag of a chart version holds, or empty when the registry has no such tag (or repository).
     *
     * @throws ChartManifest.InvalidManifestException when the tag holds something that is not an image manifest
     */
    public Optional<ChartManifest> manifest(String chart, String version) throws ChartManifest.InvalidManifestException {
        String where = repository.reference(chart, version);
        Optional<Descriptor> descriptor = call("read " + where, () -> {
            try {
                return Optional.of(registry.getDescriptor(ref(chart, version)));
            } catch (OrasException e) {
                if (e.getStatusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        if (descriptor.isEmpty()) {
            return Optional.empty();
        }
        String json = descriptor.get().getJson();
        return Optional.of(ChartManifest.parse(descriptor.get().getMediaType(),
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Uploads a blob into the chart's repository unless the registry already has it (blobs are content-addressed). */
    public void pushBlob(String chart, HelmChartArtifact.Blob blob) {
        call("upload " + blob.mediaType() + " " + blob.digest() + " to " + repository.chartUrl(chart),
                () -> registry.pushBlob(ContainerRef.parse(repository.host() + "/" + repository.repositoryOf(chart)), blob.content()));
    }

    /** Writes the manifest under the version's tag (its blobs must be in the repository already). */
    public void pushManifest(String chart, String version, byte[] manifest) {
        // oras-java sends the JSON given here as it is (String.getBytes(): HelmChartArtifact writes it in ASCII).
        call("write the manifest of " + repository.reference(chart, version),
                () -> registry.pushManifest(ref(chart, version), Manifest.fromJson(new String(manifest, StandardCharsets.US_ASCII))));
    }

    private ContainerRef ref(String chart, String version) {
        return ContainerRef.parse(repository.host() + "/" + repository.repositoryOf(chart) + ":" + OciRepository.tagOf(version));
    }

    private <T> T call(String what, Callable<T> request) {
        Future<T> future = calls.submit(request);
        try {
            return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RegistryException("could not " + what + ": no answer within " + callTimeout.toSeconds() + " s", true, e);
        } catch (ExecutionException e) {
            throw classify(what, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PublishingException("interrupted while trying to " + what, e);
        }
    }

    private RegistryException classify(String what, Throwable failure) {
        int status = failure instanceof OrasException oras ? oras.getStatusCode() : -1;
        String prefix = "could not " + what + ": " + repository.host();
        if (status == 401 || status == 403 || mentions(failure, "WWW-Authenticate")) {
            return new RegistryException(prefix + " refused the credentials" + (status > 0 ? " (HTTP " + status + ")" : "")
                    + ". Log in (helm registry login " + repository.host() + ", or docker login) or give --registry-config FILE"
                    + " with an auths entry for " + repository.host() + "; see docs/oci.md", false, failure);
        }
        if (status == 404) {
            return new RegistryException(prefix + " answered HTTP 404: the repository does not exist there. Create it"
                    + " (ECR Public: the stack creates one per configured chart; see docs/oci.md)", false, failure);
        }
        if (status == 408 || status == 429 || status >= 500 || status < 0) {
            return new RegistryException(prefix + " " + (status > 0 ? "answered HTTP " + status : describe(failure))
                    + "; retrying is safe", true, failure);
        }
        return new RegistryException(prefix + " answered HTTP " + status, false, failure);
    }

    private static boolean mentions(Throwable failure, String text) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost I/O problem (connection refused, reset, ...), else oras-java's own message. */
    private static String describe(Throwable failure) {
        String description = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                description = cause.getMessage() == null ? "the connection failed" : cause.getMessage();
            }
        }
        return "failed (" + description + ")";
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
