package io.kube9.charts.repository.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.support.Sha256;
import io.kube9.charts.repository.support.BoundedRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A repository in a local directory (preview, tests) with the same create-only and compare-and-swap
 * semantics as S3: every operation holds a lock (a JVM lock plus a file lock, so separate processes
 * are serialized too), files are replaced atomically by renaming a temporary file, and the entity
 * tag is the content's SHA-256. Headers live beside the content under {@value #HEADERS_DIRECTORY}.
 */
public final class LocalDirectoryStore implements ObjectStore {
    static final String HEADERS_DIRECTORY = ".kube9-headers";
    private static final String LOCK_FILE = ".kube9-lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public LocalDirectoryStore(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new StorageException("could not open the repository directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return locked(() -> {
            Path file = file(key);
            try (InputStream in = Files.newInputStream(file)) {
                if (Files.size(file) > MAX_OBJECT_BYTES) {
                    throw ObjectStore.tooLarge(file.toString());
                }
                byte[] content = BoundedRead.readAtMost(in, MAX_OBJECT_BYTES, () -> ObjectStore.tooLarge(file.toString()));
                return Optional.of(new StoredObject(content, info(key, content)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw failure("read", key, e);
            }
        });
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return get(key).map(StoredObject::info);
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content, ObjectHeaders headers) {
        return locked(() -> {
            if (Files.exists(file(key))) {
                return WriteOutcome.PRECONDITION_FAILED;
            }
            return write(key, content, headers);
        });
    }

    @Override
    public WriteOutcome putIfMatch(String key, byte[] content, ObjectHeaders headers, String expectedEtag) {
        return locked(() -> {
            Path file = file(key);
            try {
                if (!Files.exists(file) || !etag(Files.readAllBytes(file)).equals(expectedEtag)) {
                    return WriteOutcome.PRECONDITION_FAILED;
                }
            } catch (IOException e) {
                throw failure("read", key, e);
            }
            return write(key, content, headers);
        });
    }

    @Override
    public List<String> list() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(relative -> !relative.toString().startsWith("."))
                    .map(relative -> relative.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw failure("list", "", e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private WriteOutcome write(String key, byte[] content, ObjectHeaders headers) {
        try {
            atomicWrite(headersFile(key), JSON.writeValueAsBytes(headers));
            atomicWrite(file(key), content);
            return WriteOutcome.written(etag(content));
        } catch (IOException e) {
            throw failure("write", key, e);
        }
    }

    private static void atomicWrite(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            // On disk before the rename, with one flush: Files.write with SYNC would flush every 8 KiB it writes
            // (1,500 flushes for a 12 MB index).
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer remaining = ByteBuffer.wrap(content);
                while (remaining.hasRemaining()) {
                    channel.write(remaining);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private ObjectInfo info(String key, byte[] content) throws IOException {
        ObjectHeaders headers;
        try {
            headers = JSON.readValue(headersFile(key).toFile(), ObjectHeaders.class);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            headers = new ObjectHeaders("", "");
        }
        return new ObjectInfo(key, etag(content), content.length, headers,
                Files.getLastModifiedTime(file(key)).toInstant());
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (key.isEmpty() || !file.startsWith(root) || file.equals(root) || key.startsWith(".")) {
            throw new IllegalArgumentException("object key " + key + " is outside the repository directory " + root);
        }
        return file;
    }

    private Path headersFile(String key) {
        return root.resolve(HEADERS_DIRECTORY).resolve(key + ".json");
    }

    static String etag(byte[] content) {
        return '"' + Sha256.hex(content) + '"';
    }

    private <T> T locked(Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(root, ignored -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new StorageException("could not lock the repository directory " + root + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private StorageException failure(String action, String key, IOException e) {
        String problem = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "it does not exist"
                : e.getMessage() == null ? "the file system refused" : e.getMessage();
        return new StorageException("could not " + action + " " + root.resolve(key) + ": " + problem, e);
    }

}
