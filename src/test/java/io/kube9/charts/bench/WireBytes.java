package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Fetches an index once, with or without {@code Accept-Encoding: gzip}, and returns the body bytes sent. */
final class WireBytes {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private WireBytes() {}

    static long fetch(IndexHttpServer server, URI repository, boolean gzip) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(repository + "/index.yaml"));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        long before = server.bodyBytesSent();
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + repository + "/index.yaml answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server.bodyBytesSent() - before;
    }
}
