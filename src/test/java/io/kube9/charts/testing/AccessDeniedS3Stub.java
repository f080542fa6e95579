package io.kube9.charts.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STUB of S3 (IAM cannot be evaluated here) on a random loopback port that refuses every request as S3 does when
 * the caller's policy does not allow it: 403 with S3's AccessDenied error XML, or a bare 403 to a HEAD (S3 sends no
 * body then). It records each request as {@code METHOD /path}.
 */
public final class AccessDeniedS3Stub implements AutoCloseable {
    private static final byte[] ACCESS_DENIED = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
            + "<Message>Access Denied</Message><RequestId>K9STUB</RequestId><HostId>stub</HostId></Error>")
            .getBytes(StandardCharsets.UTF_8);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server;

    private AccessDeniedS3Stub() {
        this.server = LoopbackHttpServer.start(this::refuse);
    }

    public static AccessDeniedS3Stub start() {
        return new AccessDeniedS3Stub();
    }

    public URI endpoint() {
        return server.url();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void refuse(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("x-amz-request-id", "K9STUB");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(403, -1);
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(403, ACCESS_DENIED.length);
            exchange.getResponseBody().write(ACCESS_DENIED);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.close();
    }
}
