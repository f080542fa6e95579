package io.kube9.charts.migration;

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
import java.util.Set;
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
    /** Redirects followed per request, each target checked before it is requested. */
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
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
            .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

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
    public <T> Optional<T> fetch(String location, long limit, Body<T> body) {
        return retry.run(attempt -> {
            try {
                return fetchOnce(URI.create(location), location, limit, body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishingException("interrupted while reading " + location, e);
            }
        }, last -> new SourceException("could not read " + location + " (" + retry.maxAttempts() + " attempts): " + last.getMessage()
                + "; re-run later", true));
    }

    /**
     * One attempt: redirects followed here, at most {@link #MAX_REDIRECTS}, so that every URL requested (the first and
     * each redirect's) is checked first: http or https, its host no link-local address ({@link SourceAddresses}).
     */
    private <T> Optional<T> fetchOnce(URI first, String location, long limit, Body<T> body)
            throws RetryPolicy.TryAgain, InterruptedException {
        URI uri = first;
        for (int hop = 0; ; hop++) {
            Optional<String> refusal = SourceAddresses.refusal(uri);
            if (refusal.isPresent()) {
                throw SourceException.refused("refused to request " + refusal.get()
                        + (hop == 0 ? "" : " (redirect " + hop + " from " + location + ")"));
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw retryable(e.getMessage() == null ? "the connection failed" : e.getMessage());
            }
            Optional<String> redirect = REDIRECTS.contains(response.statusCode())
                    ? response.headers().firstValue("Location") : Optional.empty();
            if (redirect.isEmpty()) {
                return readBody(response, location, limit, body);
            }
            closeQuietly(response.body());
            if (hop == MAX_REDIRECTS) {
                throw SourceException.refused(location + " redirects more than " + MAX_REDIRECTS + " times; it is not imported");
            }
            try {
                uri = uri.resolve(redirect.get().strip());
            } catch (IllegalArgumentException e) {
                throw SourceException.refused(location + " redirects to \"" + redirect.get() + "\", which is not a URL");
            }
        }
    }

    private <T> Optional<T> readBody(HttpResponse<InputStream> response, String location, long limit, Body<T> handler)
            throws RetryPolicy.TryAgain {
        // closing the body aborts a read that is still trickling in when the deadline passes
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            closeQuietly(response.body());
        }, downloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                return Optional.of(handler.take(body, () -> SourceException.refused(location
                        + " is larger than " + limit + " bytes, more than Helm accepts; it is not imported")));
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
