package io.kube9.charts.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Serves repository indexes on 127.0.0.1 the way a CDN does: gzip-compressed for clients that send
 * {@code Accept-Encoding: gzip}, identity otherwise. Counts the body bytes it sends and remembers which
 * encodings clients asked for.
 */
public final class IndexHttpServer implements AutoCloseable {
    private record Served(byte[] identity, byte[] gzip) {}

    private final HttpServer server;
    private final Map<String, Served> repositories = new ConcurrentHashMap<>();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final Map<String, String> acceptEncodingByUserAgent = new ConcurrentHashMap<>();

    public IndexHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code index} at {@code <url>/index.yaml} and returns the repository URL. */
    public URI serve(String repository, byte[] index) {
        repositories.put(repository, new Served(index, gzip(index)));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository);
    }

    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    public void resetCounters() {
        bodyBytesSent.set(0);
    }

    /** The Accept-Encoding each client (by User-Agent) sent, "(none)" when it sent no such header. */
    public Map<String, String> acceptEncodingByUserAgent() {
        return new java.util.TreeMap<>(acceptEncodingByUserAgent);
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Served served = path.endsWith("/index.yaml")
                    ? repositories.get(path.substring(1, path.length() - "/index.yaml".length()))
                    : null;
            String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            acceptEncodingByUserAgent.put(userAgent == null ? "(no User-Agent)" : userAgent,
                    acceptEncoding == null ? "(none)" : acceptEncoding);
            if (served == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
            byte[] body = gzip ? served.gzip() : served.identity();
            exchange.getResponseHeaders().set("Content-Type", "application/yaml");
            exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            // Counted before sending: a client may read the whole response before this thread resumes.
            bodyBytesSent.addAndGet(body.length);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
