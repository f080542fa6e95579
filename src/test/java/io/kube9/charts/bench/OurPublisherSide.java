package io.kube9.charts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

/** "Our" side of every comparison: the project's real publisher code, never a re-implementation. */
public final class OurPublisherSide {
    private OurPublisherSide() {}

    /** The index bytes our publisher writes for the entries of a Helm index (given as JSON). */
    public static byte[] indexAsPublished(byte[] helmIndexJson) {
        // PLACEHOLDER until the publisher lands on main: replace with the publishing codec.
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writeValueAsBytes(mapper.readTree(helmIndexJson));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
