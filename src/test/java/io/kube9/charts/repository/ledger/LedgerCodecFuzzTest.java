package io.kube9.charts.repository.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the ledger parser (lifecycle.json comes from the bucket: untrusted): any
 * bytes are either refused with a {@link LedgerFormatException} (which every writer reports, leaving
 * the repository untouched), or read into a ledger whose records unyank can restore (each entry names
 * the chart and version it is filed under) and that writes back and reads back the same.
 */
class LedgerCodecFuzzTest {
    private static final LedgerCodec CODEC = new LedgerCodec();

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{\"schemaVersion\": 1", "\"yanked\": {", "\"deprecated\": {", "\"demo\": {", "\"1.0.0\": {",
            "\"reason\": \"r\"", "\"yankedAt\": \"2026-11-24T06:00:00Z\"", "\"deprecatedAt\": ", "\"message\": \"\"",
            "\"actor\": \"octocat\"", "\"runUrl\": \"https://github.com/a/b/actions/runs/1\"", "\"entry\": {",
            "\"name\": \"demo\"", "\"version\": \"1.0.0\"", "\"urls\": [\"demo-1.0.0.tgz\"]",
            "\"digest\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"", "}", "]", ",", "\\u0000"})
    void readsAndRoundTripsOrRefuses(byte[] content) {
        Ledger ledger;
        try {
            ledger = CODEC.read(content);
        } catch (LedgerFormatException refused) {
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        ledger.yanked().forEach((chart, versions) -> versions.forEach((version, record) -> {
            assertEquals(chart, record.entry().name());
            assertEquals(version, record.entry().version());
            assertFalse(record.entry().urls().isEmpty());
        }));
        try {
            assertEquals(ledger, CODEC.read(CODEC.write(ledger)));
        } catch (LedgerFormatException e) {
            throw new AssertionError("the ledger written by the codec does not read back: " + e.getMessage(), e);
        }
    }
}
