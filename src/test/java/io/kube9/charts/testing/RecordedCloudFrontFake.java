package io.kube9.charts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A recorded FAKE of the two CloudFront REST calls the invalidator makes (real CloudFront cannot be
 * reached from here), over real HTTP on a random loopback port, with the 2020-05-31 API's XML:
 * CreateInvalidation, which like CloudFront returns the existing invalidation for a repeated caller
 * reference with the same paths and refuses other paths with 409, and GetInvalidation, which reports
 * InProgress on the first poll and Completed afterwards. It records every request and invalidation.
 */
public final class RecordedCloudFrontFake implements AutoCloseable {
    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern CREATE = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation");
    private static final Pattern GET = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation/([^/]+)");

    /** An invalidation the fake created. */
    public record Invalidation(String distributionId, String id, String callerReference, List<String> paths) {}

    private final HttpServer server;
    private final List<Invalidation> created = new ArrayList<>();
    private final Map<String, Invalidation> byReference = new HashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    private final List<String> requests = new ArrayList<>();

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

    /** Every invalidation created, in order. */
    public synchronized List<Invalidation> invalidations() {
        return List.copyOf(created);
    }

    public synchronized List<Invalidation> invalidations(String distributionId) {
        return created.stream().filter(i -> i.distributionId().equals(distributionId)).toList();
    }

    /** Every request received, as "METHOD /path", in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            Matcher get = GET.matcher(path);
            Matcher create = CREATE.matcher(path);
            if ("GET".equals(exchange.getRequestMethod()) && get.matches()) {
                respondToGet(exchange, get.group(2));
            } else if ("POST".equals(exchange.getRequestMethod()) && create.matches()) {
                respondToCreate(exchange, create.group(1), parse(exchange.getRequestBody().readAllBytes()));
            } else {
                respond(exchange, 400, error("InvalidRequest", "not recorded: " + exchange.getRequestMethod() + " " + path));
            }
        }
    }

    private void respondToGet(HttpExchange exchange, String id) throws IOException {
        Invalidation found = created.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        if (found == null) {
            respond(exchange, 404, error("NoSuchInvalidation", "The specified invalidation does not exist."));
            return;
        }
        int poll = polls.merge(id, 1, Integer::sum);
        respond(exchange, 200, xml(found, poll > 1 ? "Completed" : "InProgress"));
    }

    private void respondToCreate(HttpExchange exchange, String distributionId, Document batch) throws IOException {
        String callerReference = batch.getElementsByTagName("CallerReference").item(0).getTextContent();
        List<String> paths = new ArrayList<>();
        NodeList items = batch.getElementsByTagName("Path");
        for (int i = 0; i < items.getLength(); i++) {
            paths.add(items.item(i).getTextContent());
        }
        String key = distributionId + "/" + callerReference;
        Invalidation existing = byReference.get(key);
        if (existing != null && !existing.paths().equals(paths)) {
            respond(exchange, 409, error("InvalidationBatchAlreadyExists", "The caller reference is already in use."));
            return;
        }
        Invalidation invalidation = existing;
        if (invalidation == null) {
            invalidation = new Invalidation(distributionId, "I" + (created.size() + 1) + "FAKE", callerReference, List.copyOf(paths));
            created.add(invalidation);
            byReference.put(key, invalidation);
        }
        exchange.getResponseHeaders().add("Location",
                endpoint() + "/2020-05-31/distribution/" + distributionId + "/invalidation/" + invalidation.id());
        respond(exchange, 201, xml(invalidation, "InProgress"));
    }

    private static String xml(Invalidation invalidation, String status) {
        StringBuilder paths = new StringBuilder();
        invalidation.paths().forEach(p -> paths.append("<Path>").append(p).append("</Path>"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invalidation xmlns=\"" + NS + "\"><Id>" + invalidation.id()
                + "</Id><Status>" + status + "</Status><CreateTime>2026-11-24T06:00:00.000Z</CreateTime><InvalidationBatch>"
                + "<Paths><Quantity>" + invalidation.paths().size() + "</Quantity><Items>" + paths + "</Items></Paths>"
                + "<CallerReference>" + invalidation.callerReference() + "</CallerReference></InvalidationBatch></Invalidation>";
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>";
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IllegalStateException("CloudFront fake could not parse the request body", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amz-request-id", "fake");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
