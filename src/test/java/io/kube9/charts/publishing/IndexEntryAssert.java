package io.kube9.charts.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.index.IndexEntry;

final class IndexEntryAssert {
    private IndexEntryAssert() {}

    static void sameExceptCreated(IndexEntry expected, IndexEntry actual) {
        ObjectNode left = expected.fields();
        ObjectNode right = actual.fields();
        left.remove("created");
        right.remove("created");
        assertEquals(left, right);
    }
}
