package io.kube9.charts.publishing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a repository directory over plain HTTP on a random loopback port, as a static origin would. */
public final class StaticRepositoryServer {
    private StaticRepositoryServer() {}

    public static HttpServer serve(Path root) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
                boolean found = file.startsWith(root) && Files.isRegularFile(file)
                        && !root.relativize(file).toString().startsWith(".");
                byte[] body = found ? Files.readAllBytes(file) : new byte[0];
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(found ? 200 : 404, head || body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (!head) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
