package io.kube9.charts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on a random loopback port in front of a real S3 API server (or any HTTP
 * upstream) that injects faults into the requests its {@link Rule}s match, and forwards the rest.
 *
 * <p>One request per client connection: every response carries {@code Connection: close}, so the
 * client opens a fresh connection for the next request and a fault never leaks into another one.
 * Everything is bounded: sockets time out, bodies are capped, a held or hung request is released
 * after {@link #MAX_HOLD} and the proxy closes itself after {@link #MAX_LIFETIME}.
 */
public final class FaultProxy implements AutoCloseable {
    public static final Duration MAX_HOLD = Duration.ofSeconds(60);
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_SLOW_RESPONSE_DELAY = Duration.ofMillis(1500);
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    /** What happens to a matched request. */
    public enum Fault {
        /** 500 InternalError, body drained first. */
        INTERNAL_ERROR_500(500, "InternalError", "We encountered an internal error. Please try again."),
        /** 503 SlowDown, S3's throttling answer. */
        SLOW_DOWN_503(503, "SlowDown", "Please reduce your request rate."),
        /** 409 ConditionalRequestConflict, S3's answer to racing conditional writes. */
        CONFLICT_409(409, "ConditionalRequestConflict",
                "A conflicting operation occurred. If using PutObject you can retry the request."),
        /** Reads part of the request body, then resets the connection; nothing reaches S3. */
        RESET_MID_BODY,
        /** Forwards the request (S3 applies it), then resets instead of answering: the client cannot know. */
        RESPONSE_LOST,
        /** Forwards after the proxy's slow-response delay. */
        SLOW_RESPONSE,
        /** Never answers; the connection stays open until the client gives up (its timeout). */
        HANG,
        /** Like HANG, but reports the request through {@link #held()} and waits for {@link #releaseHeld()}. */
        HOLD,
        /** Forwards the request (S3 applies it), then holds the response like HOLD. */
        HOLD_AFTER_APPLYING;

        private final int status;
        private final String code;
        private final String message;

        Fault() {
            this(0, null, null);
        }

        Fault(int status, String code, String message) {
            this.status = status;
            this.code = code;
            this.message = message;
        }

        boolean isErrorResponse() {
            return status != 0;
        }
    }

    /**
     * Matches requests by method and path suffix (e.g. {@code PUT} and {@code .tgz}), or a suffix of the
     * whole request target with its query (an OCI blob upload ends in {@code digest=sha256:...}); applies
     * its fault to matching occurrences {@code first..last} (1-based, inclusive).
     */
    public record Rule(String method, String pathSuffix, int first, int last, Fault fault) {
        public static Rule once(String method, String pathSuffix, Fault fault) {
            return new Rule(method, pathSuffix, 1, 1, fault);
        }

        public static Rule always(String method, String pathSuffix, Fault fault) {
            return new Rule(method, pathSuffix, 1, Integer.MAX_VALUE, fault);
        }

        public static Rule nth(String method, String pathSuffix, int n, Fault fault) {
            return new Rule(method, pathSuffix, n, n, fault);
        }

        boolean matches(String requestMethod, String path) {
            return method.equalsIgnoreCase(requestMethod) && path.endsWith(pathSuffix);
        }
    }

    /** A request as the proxy saw it. */
    public record Seen(String method, String path, Fault fault) {
        @Override
        public String toString() {
            return method + " " + path + (fault == null ? "" : " [" + fault + "]");
        }
    }

    private final ServerSocket server;
    private final URI upstream;
    private final Duration slowResponseDelay;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Rule, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private volatile CompletableFuture<Seen> held = new CompletableFuture<>();
    private volatile CountDownLatch release = new CountDownLatch(1);

    private FaultProxy(ServerSocket server, URI upstream, Duration slowResponseDelay) {
        this.server = server;
        this.upstream = upstream;
        this.slowResponseDelay = slowResponseDelay;
    }

    public static FaultProxy start(URI upstream) {
        return start(upstream, DEFAULT_SLOW_RESPONSE_DELAY);
    }

    public static FaultProxy start(URI upstream, Duration slowResponseDelay) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            FaultProxy proxy = new FaultProxy(server, upstream, slowResponseDelay);
            proxy.workers.execute(proxy::acceptLoop);
            proxy.workers.execute(proxy::closeAfterLifetime);
            return proxy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public FaultProxy inject(Rule rule) {
        rules.add(rule);
        return this;
    }

    /** Removes every rule and forgets what was seen; a held request is released. */
    public void reset() {
        rules.clear();
        occurrences.clear();
        seen.clear();
        faultsInjected.set(0);
        releaseHeld();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int faultsInjected() {
        return faultsInjected.get();
    }

    /** Completes when a {@link Fault#HOLD} request has been received in full and is being held. */
    public CompletableFuture<Seen> held() {
        return held;
    }

    /** Drops the held request (its connection is reset) and re-arms {@link #held()}. */
    public void releaseHeld() {
        CountDownLatch current = release;
        release = new CountDownLatch(1);
        held = new CompletableFuture<>();
        current.countDown();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        release.countDown();
        open.forEach(FaultProxy::closeQuietly);
        workers.shutdownNow();
    }

    private void closeAfterLifetime() {
        try {
            Thread.sleep(MAX_LIFETIME.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            Head head = Head.read(in);
            if (head == null) {
                return;
            }
            Fault fault = faultFor(head);
            seen.add(new Seen(head.method, head.path(), fault));
            if (fault != null) {
                faultsInjected.incrementAndGet();
            }
            if (head.expectsContinue()) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            if (fault == Fault.RESET_MID_BODY) {
                in.readNBytes(Math.max(1, (int) Math.min(head.contentLength() / 2, 16 * 1024)));
                reset(client);
                return;
            }
            byte[] body = head.readBody(in);
            if (fault == null) {
                forward(head, body, out);
            } else if (fault.isErrorResponse()) {
                writeError(out, head, fault);
            } else if (fault == Fault.RESPONSE_LOST) {
                forward(head, body, OutputStream.nullOutputStream());
                reset(client);
            } else if (fault == Fault.SLOW_RESPONSE) {
                Thread.sleep(slowResponseDelay.toMillis());
                forward(head, body, out);
            } else if (fault == Fault.HANG) {
                waitUntilClientLeaves(client, new CountDownLatch(1));
            } else if (fault == Fault.HOLD || fault == Fault.HOLD_AFTER_APPLYING) {
                if (fault == Fault.HOLD_AFTER_APPLYING) {
                    forward(head, body, OutputStream.nullOutputStream());
                }
                CountDownLatch releasing = release;
                held.complete(new Seen(head.method, head.path(), fault));
                waitUntilClientLeaves(client, releasing);
                reset(client);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the proxy is closing: nothing to report to anyone
        } finally {
            open.remove(client);
        }
    }

    private Fault faultFor(Head head) {
        String path = head.path();
        for (Rule rule : rules) {
            if (rule.matches(head.method, path) || rule.matches(head.method, head.target)) {
                int occurrence = occurrences.computeIfAbsent(rule, r -> new AtomicInteger()).incrementAndGet();
                if (occurrence >= rule.first() && occurrence <= rule.last()) {
                    return rule.fault();
                }
            }
        }
        return null;
    }

    private void forward(Head head, byte[] body, OutputStream out) throws IOException {
        try (Socket upstreamSocket = new Socket(upstream.getHost(), upstream.getPort())) {
            upstreamSocket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            OutputStream toUpstream = upstreamSocket.getOutputStream();
            toUpstream.write(head.forwardedHead());
            toUpstream.write(body);
            toUpstream.flush();
            upstreamSocket.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private static void writeError(OutputStream out, Head head, Fault fault) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + fault.code + "</Code><Message>"
                + fault.message + "</Message><RequestId>fault-proxy</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        boolean head_ = head.method.equalsIgnoreCase("HEAD");
        String reason = switch (fault.status) {
            case 500 -> "Internal Server Error";
            case 503 -> "Slow Down";
            case 409 -> "Conflict";
            default -> "Error";
        };
        String headers = "HTTP/1.1 " + fault.status + " " + reason + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + (head_ ? 0 : xml.length) + "\r\n"
                + "x-amz-request-id: fault-proxy\r\n"
                + "Connection: close\r\n\r\n";
        out.write(headers.getBytes(StandardCharsets.US_ASCII));
        if (!head_) {
            out.write(xml);
        }
        out.flush();
    }

    /** Blocks until the client closes its side, the latch opens, or {@link #MAX_HOLD} passes. */
    private static void waitUntilClientLeaves(Socket client, CountDownLatch latch) throws IOException, InterruptedException {
        client.setSoTimeout(100);
        long deadline = System.nanoTime() + MAX_HOLD.toNanos();
        InputStream in = client.getInputStream();
        while (System.nanoTime() < deadline && latch.getCount() > 0) {
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException stillThere) {
                latch.await(0, TimeUnit.MILLISECONDS);
            } catch (SocketException gone) {
                return;
            }
        }
    }

    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** A parsed request head; headers kept in order as raw lines. */
    private record Head(String method, String target, String version, List<String> headers) {
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                bytes.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
                if (bytes.size() > MAX_HEAD_BYTES) {
                    throw new IOException("request head too large");
                }
            }
            String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ", 3);
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            return new Head(requestLine[0], requestLine[1], requestLine[2], headers);
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim())
                    .findFirst().orElse(null);
        }

        boolean expectsContinue() {
            return "100-continue".equalsIgnoreCase(header("Expect"));
        }

        boolean chunked() {
            String encoding = header("Transfer-Encoding");
            return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        long contentLength() {
            String length = header("Content-Length");
            return length == null ? 0 : Long.parseLong(length);
        }

        byte[] readBody(InputStream in) throws IOException {
            if (chunked()) {
                return readChunked(in);
            }
            long length = contentLength();
            if (length > MAX_BODY_BYTES) {
                throw new IOException("request body too large");
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("request body ended early");
            }
            return body;
        }

        /** Copies a chunked body verbatim (it is forwarded with the same Transfer-Encoding). */
        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, body);
                int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0) {
                    while (!readLine(in, body).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > MAX_BODY_BYTES) {
                    throw new IOException("request body too large");
                }
                body.write(in.readNBytes(size));
                readLine(in, body);
            }
        }

        private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
            StringBuilder line = new StringBuilder();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("request body ended early");
                }
                copy.write(b);
                if (previous == '\r' && b == '\n') {
                    line.setLength(line.length() - 1);
                    return line.toString();
                }
                line.append((char) b);
                previous = b;
            }
        }

        byte[] forwardedHead() {
            StringBuilder head = new StringBuilder(method + " " + target + " " + version + "\r\n");
            for (String line : headers) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("expect:")) {
                    head.append(line).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            return head.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
