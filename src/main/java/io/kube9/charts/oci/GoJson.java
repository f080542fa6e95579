package io.kube9.charts.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact JSON written byte for byte as Go's {@code encoding/json} writes it (what Helm's config blob
 * is): {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as a backslash, {@code u} and four
 * lowercase hex digits, control characters as {@code \n}, {@code \t}, ... or that same form. Field order
 * is the caller's.
 */
final class GoJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private GoJson() {}

    /**
     * @param asciiOnly also escape every non-ASCII character: the bytes are then the same in every
     *                  charset (oras-java sends a manifest as {@code String.getBytes()} in the platform charset)
     */
    static byte[] write(boolean asciiOnly, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.setCharacterEscapes(GoEscapes.INSTANCE);
            if (asciiOnly) {
                json.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
            }
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final class GoEscapes extends CharacterEscapes {
        static final GoEscapes INSTANCE = new GoEscapes();
        private final int[] ascii = standardAsciiEscapesForJSON();

        private GoEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if ("\b\t\n\f\r".indexOf(c) < 0) {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x80 || ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
