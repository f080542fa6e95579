package io.kube9.charts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One Helm binary with its own throw-away HELM_* homes, so runs never share a cache. */
public final class HelmClient implements AutoCloseable {
    private final String label;
    private final Path binary;
    private Path home;

    public HelmClient(String label, Path binary) {
        this.label = label;
        this.binary = binary;
        this.home = freshHome();
    }

    public String label() {
        return label;
    }

    public Path binary() {
        return binary;
    }

    /** Forgets every repository and cache: the next command starts like a first-time user. */
    public void reset() {
        TempFiles.deleteRecursively(home);
        home = freshHome();
    }

    public MeasuredProcess.Run repoAdd(String name, URI url) {
        return helm("repo", "add", name, url.toString());
    }

    public MeasuredProcess.Run repoUpdate() {
        return helm("repo", "update");
    }

    public MeasuredProcess.Run searchRepo(String keyword) {
        return helm("search", "repo", keyword);
    }

    public MeasuredProcess.Run helm(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(arguments));
        return MeasuredProcess.run(command, Map.of(
                "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_CONFIG_HOME", home.resolve("config").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString()), home);
    }

    private static Path freshHome() {
        try {
            return Files.createTempDirectory("bench-helm-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        TempFiles.deleteRecursively(home);
    }
}
