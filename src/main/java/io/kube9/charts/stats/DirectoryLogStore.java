package io.kube9.charts.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A local copy of the log bucket (same key layout), e.g. from {@code aws s3 sync}. */
public final class DirectoryLogStore implements LogStore {
    private final Path root;

    public DirectoryLogStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": no such directory (--logs-dir)");
        }
        // Only the folder the prefix names is walked (a day's folder, or the cache's), not the whole copy.
        Path folder = resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/"))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    @Override
    public void download(String key, Path target) {
        try {
            Files.copy(resolve(key), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resolve(key), e);
        }
    }



    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("key outside " + root + ": " + key);
        }
        return file;
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
