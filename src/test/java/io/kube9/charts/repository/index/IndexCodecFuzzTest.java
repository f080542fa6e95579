package io.kube9.charts.repository.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the index parser: any bytes in the bucket's index.yaml either parse, and
 * then survive a write/read round trip in both formats with the same entries, or are refused with an
 * {@link IndexFormatException} (which the publisher reports, leaving the index untouched).
 */
class IndexCodecFuzzTest {
    private static final IndexCodec CODEC = new IndexCodec();

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"apiVersion: v1", "entries:", "  demo:", "  - version: 1.0.0", "    digest: ", "    urls:",
            "    - https://", "    created: ", "generated: ", "entries", "version", "[", "]", "{",
            "}", "&a", "*a", "---", "serverInfo:", "annotations:"})
    void parsesAndRoundTripsOrRefuses(byte[] content) {
        ChartIndex index;
        try {
            index = CODEC.read(content);
        } catch (IndexFormatException refused) {
            return;
        }
        for (IndexFormat format : IndexFormat.values()) {
            ChartIndex again = read(CODEC.write(index, format));
            assertEquals(index.entries(), again.entries(), format.toString());
            assertEquals(index.apiVersion(), again.apiVersion());
        }
    }

    private static ChartIndex read(byte[] written) {
        try {
            return CODEC.read(written);
        } catch (IndexFormatException e) {
            throw new AssertionError("the index written by the codec does not read back: " + e.getMessage(), e);
        }
    }
}
