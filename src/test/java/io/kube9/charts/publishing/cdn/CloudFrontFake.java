package io.kube9.charts.publishing.cdn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A recorded fake of the two CloudFront REST calls the invalidator makes (the real API cannot be
 * reached from here): CreateInvalidation, which like CloudFront returns the existing invalidation
 * for a repeated CallerReference with the same paths and 409 for other paths, and GetInvalidation,
 * which reports InProgress on the first poll and Completed afterwards. Responses follow the
 * 2020-05-31 API's XML.
 */
final class CloudFrontFake implements AutoCloseable {
    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern CREATE = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation");
    private static final Pattern GET = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation/([^/]+)");

    record Invalidation(String id, String distributionId, String callerReference, List<String> paths) {}

    private final HttpServer server;
    private final Map<String, Invalidation> byCallerReference = new LinkedHashMap<>();
    private final Map<String, Integer> polls = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    CloudFrontFake() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Invalidation> created() {
        return List.copyOf(byCallerReference.values());
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        Matcher get = GET.matcher(path);
        Matcher create = CREATE.matcher(path);
        if (exchange.getRequestMethod().equals("GET") && get.matches()) {
            Invalidation invalidation = byCallerReference.values().stream()
                    .filter(candidate -> candidate.id().equals(get.group(2))).findFirst().orElse(null);
            if (invalidation == null) {
                respond(exchange, 404, error("NoSuchInvalidation", "The specified invalidation does not exist."));
                return;
            }
            int poll = polls.merge(invalidation.id(), 1, Integer::sum);
            respond(exchange, 200, xml(invalidation, poll > 1 ? "Completed" : "InProgress"));
        } else if (exchange.getRequestMethod().equals("POST") && create.matches()) {
            Document batch = parse(exchange.getRequestBody().readAllBytes());
            String reference = batch.getElementsByTagName("CallerReference").item(0).getTextContent();
            List<String> paths = new ArrayList<>();
            NodeList items = batch.getElementsByTagName("Path");
            for (int i = 0; i < items.getLength(); i++) {
                paths.add(items.item(i).getTextContent());
            }
            Invalidation existing = byCallerReference.get(reference);
            if (existing != null && !existing.paths().equals(paths)) {
                respond(exchange, 409, error("InvalidationBatchAlreadyExists", "The caller reference is already in use."));
                return;
            }
            Invalidation invalidation = existing != null ? existing
                    : new Invalidation("I" + (byCallerReference.size() + 1) + "FAKE", create.group(1), reference, paths);
            byCallerReference.put(reference, invalidation);
            exchange.getResponseHeaders().add("Location", endpoint() + path + "/" + invalidation.id());
            respond(exchange, 201, xml(invalidation, "InProgress"));
        } else {
            respond(exchange, 400, error("InvalidRequest", "not recorded: " + path));
        }
    }

    private static String xml(Invalidation invalidation, String status) {
        StringBuilder paths = new StringBuilder();
        invalidation.paths().forEach(p -> paths.append("<Path>").append(p).append("</Path>"));
        return "<?xml version=\"1.0\"?>\n<Invalidation xmlns=\"" + NS + "\"><Id>" + invalidation.id() + "</Id><Status>" + status
                + "</Status><CreateTime>2026-11-24T06:00:00.000Z</CreateTime><InvalidationBatch><Paths><Quantity>"
                + invalidation.paths().size() + "</Quantity><Items>" + paths + "</Items></Paths><CallerReference>"
                + invalidation.callerReference() + "</CallerReference></InvalidationBatch></Invalidation>";
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
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
