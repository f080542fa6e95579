package io.kube9.charts.repository.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kube9.charts.repository.support.RepositoryConflictException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download of untrusted size is refused before or while it is read, never after (S3: HostileInputTest, 64 MiB heap). */
class BoundedGetTest {
    @TempDir
    Path directory;

    @Test
    void anObjectOverTheLimitInADirectoryIsRefusedWithoutReadingIt() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(directory);
        try (RandomAccessFile sparse = new RandomAccessFile(store.root().resolve("index.yaml").toFile(), "rw")) {
            sparse.setLength(ObjectStore.MAX_OBJECT_BYTES + 1); // sparse: no disk space, and too large to read into this heap quickly
        }
        RepositoryConflictException refused = assertThrows(RepositoryConflictException.class, () -> store.get("index.yaml"));
        assertEquals(store.root().resolve("index.yaml") + " cannot be read: it is larger than " + ObjectStore.MAX_OBJECT_BYTES
                + " bytes, more than any object of a chart repository may be. It was left untouched and nothing was changed;"
                + " inspect the object (for index.yaml, rebuild it from the packages with `reindex`)", refused.getMessage());
    }

    @Test
    void anObjectWithinTheLimitIsRead() {
        LocalDirectoryStore store = new LocalDirectoryStore(directory);
        byte[] index = "apiVersion: v1\nentries: {}\n".getBytes(StandardCharsets.UTF_8);
        store.putIfAbsent("index.yaml", index, new ObjectHeaders("text/plain", "no-cache"));
        assertArrayEquals(index, store.get("index.yaml").orElseThrow().content());
    }
}
