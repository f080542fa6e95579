package io.kube9.charts.migration;

import io.kube9.charts.repository.support.BoundedRead;
import io.kube9.charts.repository.support.PublishingException;
import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.index.IndexCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A chart repository over HTTP(S), as Helm reads it: {@code <url>/index.yaml}, then every entry's
 * package at its resolved {@code urls[0]}. 404, 403 (what CloudFront in front of S3 answers for a
 * missing key) and 410 mean absent; 5xx, 429 and network errors are retried, then transient.
 */
public final class HttpSource implements SourceRepository {
    /** A few quick attempts: a source that stays down fails the entry (re-run later), it does not stall the import. */
    public static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);
    /** Bounds a whole download, including a body that trickles in: the largest index (256 MiB) at ~2 Mbit/s. */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(20);
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kube9-download-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final URI base;
    private final RetryPolicy retry;
    private final Duration downloadTimeout;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();

    public HttpSource(URI repositoryUrl, RetryPolicy retry) {
        this(repositoryUrl, retry, DOWNLOAD_TIMEOUT);
    }

    HttpSource(URI repositoryUrl, RetryPolicy retry, Duration downloadTimeout) {
        this.base = SourceUrls.base(repositoryUrl);
        this.retry = retry;
        this.downloadTimeout = downloadTimeout;
    }

    @Override
    public String describe() {
        return base.toString();
    }

    public URI indexUrl() {
        return base.resolve(RepositoryLayout.INDEX_KEY);
    }

    @Override
    public byte[] index() {
        return read(indexUrl().toString(), IndexCodec.MAX_INDEX_BYTES).orElseThrow(() -> new SourceException(indexUrl()
                + " is not there (HTTP 404 or 403): give the URL of a Helm repository, the one `helm repo add` uses", false));
    }

    @Override
    public String locate(String entryUrl) {
        return SourceUrls.resolve(base, entryUrl).toString();
    }

    @Override
    public String provenanceOf(String packageLocation) {
        return SourceUrls.withPathSuffix(URI.create(packageLocation), ".prov").toString();
    }

    @Override
    public Optional<byte[]> read(String location, long limit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(RESPONSE_TIMEOUT).GET().build();
        return retry.run(attempt -> {
            try {
                return readOnce(request, location, limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingException("interrupted while reading " + location, e);
            }
        }, last -> new SourceException("could not read " + location + " (" + retry.maxAttempts() + " attempts): " + last.getMessage()
                + "; re-run later", true));
    }

    private Optional<byte[]> readOnce(HttpRequest request, String location, long limit) throws RetryPolicy.TryAgain, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw retryable(e.getMessage() == null ? "the connection failed" : e.getMessage());
        }
        // closing the body aborts a read that is still trickling in when the deadline passes
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            closeQuietly(response.body());
        }, downloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                return Optional.of(BoundedRead.readAtMost(body, limit, () -> new SourceException(location
                        + " is larger than " + limit + " bytes, more than Helm accepts; it is not imported", false)));
            }
            if (status == 404 || status == 403 || status == 410) {
                return Optional.empty();
            }
            if (status >= 500 || status == 429) {
                throw retryable("HTTP " + status);
            }
            throw new SourceException(location + ": HTTP " + status + " (expected 200 or 404)", false);
        } catch (IOException e) {
            throw retryable(expired.get() ? "the download took longer than " + downloadTimeout.toSeconds() + " s"
                    : e.getMessage() == null ? "the connection broke" : e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    /** A failure worth another attempt: a 5xx or 429, a network error, a download past its deadline. */
    private static RetryPolicy.TryAgain retryable(String reason) {
        return new RetryPolicy.TryAgain(reason, null);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the reader sees the failure
        }
    }
}
