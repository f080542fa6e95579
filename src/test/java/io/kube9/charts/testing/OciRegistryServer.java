package io.kube9.charts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real OCI registry (CNCF distribution 2.8, Debian's {@code docker-registry}) on a random loopback
 * port, with filesystem storage in its own temporary directory and nothing that reaches the network
 * (no notifications, reporting, proxy, redis or debug server; upload purging off). Optionally it
 * requires a user and password (htpasswd, bcrypt). {@link #manifest} and {@link #blob} read it
 * directly, never through the code under test.
 */
public final class OciRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path root;
    private final int port;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OciRegistryServer(Process process, Path root, int port, String authorization) {
        this.process = process;
        this.root = root;
        this.port = port;
        this.authorization = authorization;
    }

    public static OciRegistryServer start() {
        return start(null, null);
    }

    /** A registry that accepts only this user (null for an open one). */
    public static OciRegistryServer start(String user, String password) {
        Path root;
        try {
            root = Files.createTempDirectory("oci-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(root, freePort(), user, password);
            } catch (IllegalStateException e) {
                last = e;  // another process took the port between probing and binding: try another
            }
        }
        throw last;
    }

    private static OciRegistryServer startOnce(Path root, int port, String user, String password) {
        try {
            Path storage = Files.createDirectories(root.resolve("storage-" + port));
            String auth = "";
            if (user != null) {
                Path htpasswd = root.resolve("htpasswd");
                Files.writeString(htpasswd, user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), new byte[16], 4) + "\n");
                auth = "auth:\n  htpasswd:\n    realm: kube9-test\n    path: " + htpasswd + "\n";
            }
            Path config = root.resolve("config-" + port + ".yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: error
                      accesslog:
                        disabled: true
                    storage:
                      filesystem:
                        rootdirectory: %s
                      maintenance:
                        uploadpurging:
                          enabled: false
                    http:
                      addr: 127.0.0.1:%d
                      secret: kube9-test-registry-secret
                    %s""".formatted(storage, port, auth));
            ProcessBuilder builder = new ProcessBuilder(TestTools.dockerRegistry().toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("registry-" + port + ".log").toFile());
            // The registry reads REGISTRY_* variables as configuration overrides: none may leak in.
            builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRY_"));
            Process process = builder.start();
            // A test JVM that ends without closing the server (a failed @BeforeAll, Ctrl-C) still stops it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            String authorization = user == null ? null
                    : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OciRegistryServer server = new OciRegistryServer(process, root, port, authorization);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/v2/")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("docker-registry did not answer within 20 s: " + log());
    }

    private String log() {
        try (Stream<Path> logs = Files.list(root)) {
            Optional<Path> log = logs.filter(file -> file.getFileName().toString().equals("registry-" + port + ".log")).findFirst();
            return log.isEmpty() ? "" : Files.readString(log.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://" + host());
    }

    /** {@code 127.0.0.1:PORT}, the registry as an OCI reference names it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The manifest a tag (or digest) points at, read straight from the registry; empty when there is none. */
    public Optional<JsonNode> manifest(String repository, String reference) {
        return get("/v2/" + repository + "/manifests/" + reference, "application/vnd.oci.image.manifest.v1+json")
                .map(body -> {
                    try {
                        return JSON.readTree(body);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** A blob's bytes, straight from the registry. */
    public Optional<byte[]> blob(String repository, String digest) {
        return get("/v2/" + repository + "/blobs/" + digest, "*/*");
    }

    /** The repository's tags (empty when it has none or does not exist). */
    public List<String> tags(String repository) {
        return get("/v2/" + repository + "/tags/list", "application/json").map(body -> {
            try {
                JsonNode tags = JSON.readTree(body).path("tags");
                return tags.valueStream().map(JsonNode::asText).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(List.of());
    }

    private Optional<byte[]> get(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint().resolve(path)).timeout(Duration.ofSeconds(30)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
            }
            return Optional.of(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; best effort
        }
    }
}
