package io.kube9.charts.repository.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The create-only and compare-and-swap semantics the publisher relies on, run against every
 * {@link ObjectStore} implementation.
 */
abstract class ObjectStoreContractTest {
    static final ObjectHeaders HEADERS = new ObjectHeaders("application/json", "public, max-age=300");

    /** A fresh, empty store. */
    abstract ObjectStore newStore();

    @Test
    void getOfMissingKeyIsEmpty() {
        ObjectStore store = newStore();
        assertTrue(store.get("index.yaml").isEmpty());
        assertTrue(store.head("index.yaml").isEmpty());
    }

    @Test
    void putIfAbsentCreatesOnceWithHeaders() {
        ObjectStore store = newStore();
        WriteOutcome created = store.putIfAbsent("a-1.0.0.tgz", bytes("first"), HEADERS);
        assertTrue(created.written());
        assertEquals(WriteOutcome.PRECONDITION_FAILED, store.putIfAbsent("a-1.0.0.tgz", bytes("second"), HEADERS));

        StoredObject stored = store.get("a-1.0.0.tgz").orElseThrow();
        assertEquals(Optional.of(stored.etag()), created.etag(), "the entity tag the write answered is the stored object's");
        assertArrayEquals(bytes("first"), stored.content());
        assertEquals(HEADERS, stored.info().headers());
        assertEquals(stored.etag(), store.head("a-1.0.0.tgz").orElseThrow().etag());
        assertEquals(5, store.head("a-1.0.0.tgz").orElseThrow().size());
    }

    @Test
    void putIfMatchSwapsOnlyTheVersionThatWasRead() {
        ObjectStore store = newStore();
        store.putIfAbsent("index.yaml", bytes("v1"), HEADERS);
        String v1 = store.get("index.yaml").orElseThrow().etag();

        WriteOutcome swapped = store.putIfMatch("index.yaml", bytes("v2"), HEADERS, v1);
        assertTrue(swapped.written());
        String v2 = store.get("index.yaml").orElseThrow().etag();
        assertNotEquals(v1, v2);
        assertEquals(Optional.of(v2), swapped.etag(), "the entity tag the write answered is the new object's");
        assertEquals(v2, store.head("index.yaml").orElseThrow().etag());
        assertEquals(WriteOutcome.PRECONDITION_FAILED, store.putIfMatch("index.yaml", bytes("stale"), HEADERS, v1));
        assertArrayEquals(bytes("v2"), store.get("index.yaml").orElseThrow().content());
    }

    @Test
    void putIfMatchOnMissingKeyIsALostRace() {
        ObjectStore store = newStore();
        assertEquals(WriteOutcome.PRECONDITION_FAILED, store.putIfMatch("index.yaml", bytes("x"), HEADERS, "\"0123\""));
        assertTrue(store.get("index.yaml").isEmpty());
    }

    @Test
    void listReturnsEveryKeyInOrder() {
        ObjectStore store = newStore();
        store.putIfAbsent("index.yaml", bytes("i"), HEADERS);
        store.putIfAbsent("b-1.0.0.tgz", bytes("b"), HEADERS);
        store.putIfAbsent("a-1.0.0.tgz", bytes("a"), HEADERS);
        assertEquals(List.of("a-1.0.0.tgz", "b-1.0.0.tgz", "index.yaml"), store.list());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
