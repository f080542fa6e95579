package io.kube9.charts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FAKE of the CloudFront API (real CloudFront cannot run here): just CreateInvalidation and
 * GetInvalidation over real HTTP on a random loopback port, with CloudFront's idempotency rule (the
 * same caller reference with the same paths returns the existing invalidation, with other paths is
 * refused with 409). It records every invalidation it created.
 */
public final class RecordedCloudFrontFake implements AutoCloseable {
    private static final Pattern CREATE = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation");
    private static final Pattern GET = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation/([^/]+)");
    private static final Pattern CALLER_REFERENCE = Pattern.compile("<CallerReference>([^<]*)</CallerReference>");
    private static final Pattern PATH = Pattern.compile("<Path>([^<]*)</Path>");

    /** An invalidation the fake created. */
    public record Invalidation(String distributionId, String id, String callerReference, List<String> paths) {}

    private final HttpServer server;
    private final List<Invalidation> created = new ArrayList<>();
    private final Map<String, Invalidation> byReference = new ConcurrentHashMap<>();

    private RecordedCloudFrontFake(HttpServer server) {
        this.server = server;
    }

    public static RecordedCloudFrontFake start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordedCloudFrontFake fake = new RecordedCloudFrontFake(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized List<Invalidation> invalidations(String distributionId) {
        return created.stream().filter(i -> i.distributionId().equals(distributionId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher get = GET.matcher(path);
            Matcher create = CREATE.matcher(path);
            if ("GET".equals(exchange.getRequestMethod()) && get.matches()) {
                Invalidation found = byReference.values().stream()
                        .filter(i -> i.id().equals(get.group(2))).findFirst().orElse(null);
                respond(exchange, found == null ? 404 : 200, found == null ? error("NoSuchInvalidation") : xml(found, "Completed"));
            } else if ("POST".equals(exchange.getRequestMethod()) && create.matches()) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                respondToCreate(exchange, create.group(1), body);
            } else {
                respond(exchange, 400, error("InvalidArgument"));
            }
        }
    }

    private synchronized void respondToCreate(HttpExchange exchange, String distributionId, String body) throws IOException {
        Matcher reference = CALLER_REFERENCE.matcher(body);
        String callerReference = reference.find() ? reference.group(1) : "";
        List<String> paths = new ArrayList<>();
        Matcher path = PATH.matcher(body);
        while (path.find()) {
            paths.add(path.group(1));
        }
        Invalidation existing = byReference.get(distributionId + "/" + callerReference);
        if (existing != null && !existing.paths().equals(paths)) {
            respond(exchange, 409, error("InvalidationBatchAlreadyExists"));
            return;
        }
        Invalidation invalidation = existing != null ? existing
                : new Invalidation(distributionId, "I" + (created.size() + 1), callerReference, List.copyOf(paths));
        if (existing == null) {
            created.add(invalidation);
            byReference.put(distributionId + "/" + callerReference, invalidation);
        }
        exchange.getResponseHeaders().add("Location",
                endpoint() + "/2020-05-31/distribution/" + distributionId + "/invalidation/" + invalidation.id());
        respond(exchange, 201, xml(invalidation, "InProgress"));
    }

    private static String xml(Invalidation invalidation, String status) {
        StringBuilder paths = new StringBuilder();
        invalidation.paths().forEach(p -> paths.append("<Path>").append(p).append("</Path>"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Id>" + invalidation.id()
                + "</Id><Status>" + status + "</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime><InvalidationBatch>"
                + "<Paths><Quantity>" + invalidation.paths().size() + "</Quantity><Items>" + paths + "</Items></Paths>"
                + "<CallerReference>" + invalidation.callerReference() + "</CallerReference></InvalidationBatch></Invalidation>";
    }

    private static String error(String code) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Error>"
                + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + code + "</Message></Error>"
                + "<RequestId>fake</RequestId></ErrorResponse>";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
