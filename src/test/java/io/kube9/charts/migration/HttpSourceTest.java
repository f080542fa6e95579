package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kube9.charts.repository.support.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the import reads a source over HTTP, against a real HTTP server on loopback: bounded, absent, retried, refused. */
class HttpSourceTest {
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
    private HttpServer server;
    private final AtomicLong endlessBytesSent = new AtomicLong();
    private final AtomicInteger unavailableRequests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/endless/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (endlessBytesSent.get() < 1L << 30) {
                    out.write(chunk);
                    endlessBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // what a bounded reader does
            }
        });
        server.createContext("/trickle/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // the reader gave up
            }
        });
        server.createContext("/unavailable/", exchange -> {
            unavailableRequests.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/private/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/gone") ? 403 : 404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anEndlessDownloadIsRefusedAsSoonAsItPassesTheLimit() {
        HttpSource source = new HttpSource(URI.create(url("/endless")), QUICK);

        SourceException refused = assertThrows(SourceException.class, () -> source.read(url("/endless/index.yaml"), 1 << 20));

        assertEquals(url("/endless/index.yaml") + " is larger than 1048576 bytes, more than Helm accepts; it is not imported",
                refused.getMessage());
        assertFalse(refused.transientFailure());
        assertTrue(endlessBytesSent.get() < 64L << 20, "the download stopped near the limit, not at the end: " + endlessBytesSent);
    }

    @Test
    void aDownloadThatTricklesInIsAbortedAtItsDeadlineAndTransient() {
        HttpSource source = new HttpSource(URI.create(url("/trickle")), new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Duration.ofMillis(300));

        SourceException stalled = assertThrows(SourceException.class, () -> source.read(url("/trickle/index.yaml"), 1 << 20));

        assertTrue(stalled.transientFailure(), stalled.getMessage());
        assertEquals("could not read " + url("/trickle/index.yaml") + " (1 attempts): the download took longer than 0 s; re-run"
                + " later", stalled.getMessage());
    }

    @Test
    void notFoundAndForbiddenAreAbsentLikeAMissingKeyBehindCloudFront() {
        HttpSource source = new HttpSource(URI.create(url("/repo")), QUICK);

        assertEquals(Optional.empty(), source.read(url("/repo/a-1.0.0.tgz.prov"), 100));
        assertEquals(Optional.empty(), source.read(url("/repo/gone"), 100));
        SourceException noIndex = assertThrows(SourceException.class, source::index);
        assertEquals(url("/repo/index.yaml") + " is not there (HTTP 404 or 403): give the URL of a Helm repository, the one"
                + " `helm repo add` uses", noIndex.getMessage());
    }

    @Test
    void serverErrorsAreRetriedThenTransientOtherAnswersAreRefusals() {
        HttpSource source = new HttpSource(URI.create(url("/")), QUICK);

        SourceException unavailable = assertThrows(SourceException.class, () -> source.read(url("/unavailable/x.tgz"), 100));
        assertTrue(unavailable.transientFailure());
        assertEquals(3, unavailableRequests.get());
        assertEquals("could not read " + url("/unavailable/x.tgz") + " (3 attempts): HTTP 503; re-run later", unavailable.getMessage());

        SourceException unauthorized = assertThrows(SourceException.class, () -> source.read(url("/private/x.tgz"), 100));
        assertFalse(unauthorized.transientFailure());
        assertEquals(url("/private/x.tgz") + ": HTTP 401 (expected 200 or 404)", unauthorized.getMessage());
    }
}
