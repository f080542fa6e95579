package io.kube9.charts.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a CloudFront origin group (CloudFront cannot run here): a reverse proxy on a random loopback port
 * that sends every GET and HEAD to the primary origin first and, when the primary answers one of
 * {@link #FAILOVER_STATUS_CODES} or cannot be reached, the same request to the replica, whose answer the viewer gets.
 * Origins are base URLs such as an S3 bucket read anonymously path-style ({@code http://127.0.0.1:PORT/bucket}),
 * as the distribution's OAC read reaches it; either may be switched while the proxy runs.
 *
 * <p>Not modelled: edge caching (every request reaches an origin), retries of the connection, OPTIONS (answered 405
 * like every method but GET and HEAD), request signing.
 */
public final class OriginGroupStandIn implements AutoCloseable {
    /** The primary's answers that fail over: the codes of the stack's origin group. */
    public static final Set<Integer> FAILOVER_STATUS_CODES = Set.of(500, 502, 503, 504);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Accept", "Range", "If-None-Match", "If-Modified-Since");
    private static final Set<String> NOT_COPIED_RESPONSE_HEADERS = Set.of("connection", "content-length", "date", "keep-alive",
            "transfer-encoding");

    /** A member of the group. */
    public enum Origin { PRIMARY, REPLICA }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<Origin, URI> origins = new ConcurrentHashMap<>();
    private final Map<Origin, AtomicInteger> answers = new EnumMap<>(Map.of(Origin.PRIMARY, new AtomicInteger(),
            Origin.REPLICA, new AtomicInteger()));
    private final LoopbackHttpServer server;

    private OriginGroupStandIn(URI primary, URI replica) {
        origins.put(Origin.PRIMARY, primary);
        origins.put(Origin.REPLICA, replica);
        server = LoopbackHttpServer.start(this::handle);
    }

    /** Starts the proxy in front of {@code primary} and {@code replica} (base URLs, without a trailing slash). */
    public static OriginGroupStandIn start(URI primary, URI replica) {
        return new OriginGroupStandIn(primary, replica);
    }

    /** The distribution's URL, {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI url() {
        return server.url();
    }

    /** Points {@code member} at another base URL from the next request on. */
    public void switchOrigin(Origin member, URI base) {
        origins.put(member, base);
    }

    /** How many viewer requests {@code member}'s answer (success or error) was returned for. */
    public int answeredBy(Origin member) {
        return answers.get(member).get();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            LoopbackHttpServer.respond(exchange, 405, new byte[0]);
            return;
        }
        Origin member = Origin.PRIMARY;
        Optional<HttpResponse<byte[]>> answer = fetch(member, exchange);
        if (answer.isEmpty() || FAILOVER_STATUS_CODES.contains(answer.get().statusCode())) {
            member = Origin.REPLICA;
            answer = fetch(member, exchange);
        }
        if (answer.isEmpty()) {
            LoopbackHttpServer.respond(exchange, 502, "no origin of the group could be reached\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        answers.get(member).incrementAndGet();
        answer.get().headers().map().forEach((name, values) -> {
            if (!NOT_COPIED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        LoopbackHttpServer.respond(exchange, answer.get().statusCode(), answer.get().body());
    }

    /** The origin's answer, or empty when it cannot be reached or does not answer in time. */
    private Optional<HttpResponse<byte[]>> fetch(Origin member, HttpExchange exchange) throws IOException {
        URI viewer = exchange.getRequestURI();
        URI target = URI.create(origins.get(member) + viewer.getRawPath() + (viewer.getRawQuery() == null ? "" : "?" + viewer.getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(RESPONSE_TIMEOUT)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String header : FORWARDED_REQUEST_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            return Optional.of(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking the " + member + " origin");
        } catch (IOException unreachable) {
            return Optional.empty();
        }
    }
}
