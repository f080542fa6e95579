package io.kube9.charts.publishing.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a local directory, plus what only a directory can get wrong. */
class LocalDirectoryStoreTest extends ObjectStoreContractTest {
    @TempDir
    Path temporary;

    @Override
    ObjectStore newStore() {
        try {
            return new LocalDirectoryStore(Files.createTempDirectory(temporary, "repo-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void keysCannotEscapeTheDirectory() {
        ObjectStore store = newStore();
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> store.putIfAbsent("../outside.tgz", bytes("x"), HEADERS));
        assertEquals("object key ../outside.tgz is outside the repository directory " + store.describe(), failure.getMessage());
    }

    @Test
    void contentIsServedAsPlainFilesAndHeadersStayOutOfTheListing() throws IOException {
        LocalDirectoryStore store = (LocalDirectoryStore) newStore();
        store.putIfAbsent("index.yaml", bytes("{}"), HEADERS);
        assertEquals("{}", Files.readString(store.root().resolve("index.yaml")));
        assertEquals(java.util.List.of("index.yaml"), store.list());
    }
}
