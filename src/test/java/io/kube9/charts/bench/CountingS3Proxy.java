package io.kube9.charts.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of the S3 API server that counts what crosses it: requests, bytes in
 * each direction (request/status line, headers and body) and precondition failures (412 or 409, a lost
 * compare-and-swap). Clients point their S3 endpoint at {@link #endpoint()}.
 *
 * <p>It also makes each object atomic, as it is on S3: S3Mock checks {@code If-Match}/{@code If-None-Match}
 * and then writes without a lock (two racing writers can both pass the check), and a GET during a PUT
 * can return a torn, half-written object. The proxy therefore forwards writes to one key one at a time
 * and never alongside a read of that key; reads of a key run together.
 */
public final class CountingS3Proxy implements AutoCloseable {
    /** Hop-by-hop and length headers: the proxy's own HTTP stacks set these. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    /** One forwarded request: what it was, how it ended, how long S3 took and what it moved. */
    public record Exchange(String method, String key, int status, double seconds, long bytesUp, long bytesDown) {
        /** e.g. {@code GET index.yaml 200 (12.3 MB down)}. */
        public String describe() {
            return method + " " + key + " " + status + " (" + Bytes.human(bytesUp) + " up, " + Bytes.human(bytesDown) + " down)";
        }
    }

    /** Traffic counted since the last {@link #reset()}. */
    public record Traffic(long requests, long bytesUp, long bytesDown, long preconditionFailures, List<Exchange> exchanges) {
        public long bytesMoved() {
            return bytesUp + bytesDown;
        }

        /** Seconds spent waiting on S3, by request kind such as {@code PUT .tgz} or {@code GET index.yaml}. */
        public Map<String, Double> secondsByKind() {
            Map<String, Double> byKind = new java.util.LinkedHashMap<>();
            exchanges.forEach(e -> byKind.merge("S3 " + e.method() + " " + (e.key().endsWith(".tgz") ? ".tgz" : e.key()),
                    e.seconds(), Double::sum));
            return byKind;
        }
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong preconditionFailures = new AtomicLong();
    private final java.util.Queue<Exchange> exchanges = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<String, java.util.concurrent.locks.ReadWriteLock> objectLocks = new java.util.concurrent.ConcurrentHashMap<>();

    public CountingS3Proxy(URI target) {
        this.target = target;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Traffic traffic() {
        return new Traffic(requests.get(), bytesUp.get(), bytesDown.get(), preconditionFailures.get(), List.copyOf(exchanges));
    }

    public void reset() {
        requests.set(0);
        bytesUp.set(0);
        bytesDown.set(0);
        preconditionFailures.set(0);
        exchanges.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            copyHeaders(exchange.getRequestHeaders(), request);
            requests.incrementAndGet();
            long up = method.length() + uri.toString().length() + " HTTP/1.1\r\n".length()
                    + headerBytes(exchange.getRequestHeaders()) + body.length;
            bytesUp.addAndGet(up);
            long start = System.nanoTime();
            java.util.concurrent.locks.ReadWriteLock object = objectLocks.computeIfAbsent(uri.getPath(),
                    k -> new java.util.concurrent.locks.ReentrantReadWriteLock());
            java.util.concurrent.locks.Lock lock = method.equals("GET") || method.equals("HEAD")
                    ? object.readLock() : object.writeLock();
            HttpResponse<byte[]> response;
            lock.lock();
            try {
                response = send(request.build());
            } finally {
                lock.unlock();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (response.statusCode() == 412 || response.statusCode() == 409) {
                preconditionFailures.incrementAndGet();
            }
            Headers headers = exchange.getResponseHeaders();
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    headers.put(name, values);
                }
            });
            byte[] responseBody = response.body();
            boolean head = method.equalsIgnoreCase("HEAD");
            if (head) {
                response.headers().firstValue("content-length").ifPresent(length -> headers.set("Content-Length", length));
            }
            // Recorded before answering: the client may go on (and the benchmark read the counters) at once.
            long down = "HTTP/1.1 200 OK\r\n".length() + headerBytes(headers)
                    + ("Content-Length: " + responseBody.length + "\r\n").length() + (head ? 0 : responseBody.length);
            bytesDown.addAndGet(down);
            String path = uri.getPath();
            exchanges.add(new Exchange(method, path.substring(path.indexOf('/', 1) + 1), response.statusCode(), seconds, up, down));
            exchange.sendResponseHeaders(response.statusCode(), head || responseBody.length == 0 ? -1 : responseBody.length);
            if (!head && responseBody.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(responseBody);
                }
            }
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + target, e);
        }
    }

    private static void copyHeaders(Headers from, HttpRequest.Builder to) {
        for (Map.Entry<String, List<String>> header : from.entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> to.header(header.getKey(), value));
            }
        }
    }

    private static long headerBytes(Headers headers) {
        long bytes = 2; // the blank line ending the head
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
