package io.kube9.charts.migration;

import com.sun.net.httpserver.HttpExchange;
import io.kube9.charts.repository.PackageUrls;
import io.kube9.charts.testing.LoopbackHttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The public URL of a repository on a random loopback port, in front of an origin that can be switched
 * while clients keep using the same URL: what a CloudFront alias move does to {@code charts.kube9.io}.
 * Two origins, as the two CDNs read a request path: the legacy one (CloudFront in front of the S3 REST
 * API) decodes {@code +} as a space, so a literal {@code +} misses the key; this project's (with the
 * viewer-request function that sends {@code +} on as {@code %2B}) keeps it. Missing keys are 404.
 */
public final class RepositoryFront implements AutoCloseable {
    /** A directory served as a bucket, with the path decoding of one CDN. */
    public record Origin(String name, Path root, boolean plusIsSpace) {
        public Origin {
            root = root.toAbsolutePath().normalize();
        }

        public static Origin legacy(Path root) {
            return new Origin("legacy", root, true);
        }

        public static Origin ours(Path root) {
            return new Origin("ours", root, false);
        }

        String key(String rawPath) {
            String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
            return plusIsSpace ? URLDecoder.decode(path, StandardCharsets.UTF_8) : PackageUrls.decode(path);
        }
    }

    /** A request and the origin that answered it. */
    public record Served(String origin, String path, int status) {}

    private final List<Served> served = new CopyOnWriteArrayList<>();
    private volatile Origin origin;
    private final LoopbackHttpServer server;

    private RepositoryFront() {
        this.server = LoopbackHttpServer.start(this::handle);
    }

    public static RepositoryFront start() {
        return new RepositoryFront();
    }

    public String url() {
        return server.url().toString();
    }

    public RepositoryFront serve(Origin newOrigin) {
        this.origin = newOrigin;
        return this;
    }

    public Origin origin() {
        return origin;
    }

    public List<Served> served() {
        return List.copyOf(served);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Origin current = origin;
            String key = current.key(exchange.getRequestURI().getRawPath());
            Path file = current.root().resolve(key).normalize();
            boolean found = !key.isEmpty() && file.startsWith(current.root()) && Files.isRegularFile(file)
                    && !current.root().relativize(file).toString().startsWith(".");
            byte[] body = found ? Files.readAllBytes(file) : new byte[0];
            served.add(new Served(current.name(), exchange.getRequestURI().getRawPath(), found ? 200 : 404));
            LoopbackHttpServer.respond(exchange, found ? 200 : 404, body);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
