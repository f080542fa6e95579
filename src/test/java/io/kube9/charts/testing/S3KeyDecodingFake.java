package io.kube9.charts.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A FAKE of how the S3 REST API (and CloudFront in front of an S3 REST origin) turns a request path
 * into an object key, serving the objects of a repository directory over HTTP on a random loopback
 * port: the path is form-decoded, so {@code +} is a space and {@code %2B} is {@code +}; a key that
 * is not there is 404 with S3's NoSuchKey body. Real S3 cannot be reached from here; this is the one
 * behaviour of it that decides whether a version with build metadata ({@code 1.0.0+build.7}) can be
 * downloaded. With {@link #rewritePlusAtTheEdge}, a literal {@code +} is first rewritten to
 * {@code %2B}, as the CDN's viewer-request function does. Every request path is recorded.
 */
public final class S3KeyDecodingFake implements AutoCloseable {
    private final Path root;
    private volatile boolean plusRewrittenAtTheEdge;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final LoopbackHttpServer server;

    private S3KeyDecodingFake(Path root) {
        this.root = root;
        this.server = LoopbackHttpServer.start(this::handle);
    }

    /** S3's REST origin as it is: a literal {@code +} in a path is a space. */
    public static S3KeyDecodingFake serve(Path root) {
        return new S3KeyDecodingFake(root);
    }

    /** With {@code true}, as behind the CDN's viewer-request function: a literal {@code +} is rewritten to {@code %2B} first. */
    public void rewritePlusAtTheEdge(boolean rewrite) {
        plusRewrittenAtTheEdge = rewrite;
    }

    public URI url() {
        return server.url();
    }

    /** The raw request paths, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The object key S3 looks up for a raw request path. */
    public static String keyOf(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '+') {
                key.write(' ');
            } else if (c == '%' && i + 2 < path.length()) {
                key.write(HexFormat.fromHexDigits(path, i + 1, i + 3));
                i += 2;
            } else {
                key.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return key.toString(StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(rawPath);
        String key = keyOf(plusRewrittenAtTheEdge ? rawPath.replace("+", "%2B") : rawPath);
        Path file = root.resolve(key).normalize();
        boolean found = !key.isEmpty() && file.startsWith(root) && !key.startsWith(".") && Files.isRegularFile(file);
        byte[] body = found ? Files.readAllBytes(file)
                : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not"
                        + " exist.</Message><Key>" + key + "</Key></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", found ? "application/octet-stream" : "application/xml");
        LoopbackHttpServer.respond(exchange, found ? 200 : 404, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
