package io.kube9.charts.repository.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
        assertEquals(List.of("index.yaml"), store.list());
    }

    /**
     * Atomicity is the directory store's own job (on S3 it is the service's: S3Mock does not provide
     * it, see AtomicRequestStore, so this is not part of the shared contract).
     */
    @Test
    void exactlyOneOfManyConcurrentCreatorsWins() throws Exception {
        ObjectStore store = newStore();
        AtomicInteger winners = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> {
                        if (store.putIfAbsent("race.tgz", bytes("writer " + i), HEADERS).written()) {
                            winners.incrementAndGet();
                        }
                    }))
                    .<Future<?>>map(f -> f)
                    .toList();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, winners.get());
    }
}
