package io.kube9.charts.publishing;

import io.kube9.charts.testing.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a repository directory over plain HTTP on a random loopback port, as a static origin would. */
public final class StaticRepositoryServer {
    private StaticRepositoryServer() {}

    public static LoopbackHttpServer serve(Path root) {
        return LoopbackHttpServer.start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            boolean found = file.startsWith(root) && Files.isRegularFile(file)
                    && !root.relativize(file).toString().startsWith(".");
            LoopbackHttpServer.respond(exchange, found ? 200 : 404, found ? Files.readAllBytes(file) : new byte[0]);
        });
    }
}
