package io.kube9.charts.repository.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.index.IndexEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** lifecycle.json as written and read back, and the ledgers that are refused, each naming the field. */
class LedgerCodecTest {
    private static final String DIGEST = "a".repeat(64);
    private static final LedgerCodec CODEC = new LedgerCodec();

    private static IndexEntry entry(String name, String version) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("name", name).put("version", version)
                .put("appVersion", "1.0").put("created", "2025-01-02T03:04:05Z").put("digest", DIGEST);
        fields.putArray("urls").add("https://charts.kube9.io/" + name + "-" + version + ".tgz");
        fields.putObject("annotations").put("artifacthub.io/license", "Apache-2.0");
        return new IndexEntry(fields);
    }

    @Test
    void writesAndReadsBackEveryRecord() throws LedgerFormatException {
        Ledger ledger = Ledger.EMPTY
                .withYank("demo", "1.2.3", new YankRecord(entry("demo", "1.2.3"), "breaks upgrades, see #42 <b>&</b>",
                        Instant.parse("2026-11-24T06:00:00Z"), new Actor("octocat", "https://github.com/alto9/kube9-charts/actions/runs/42")))
                .withYank("demo", "1.10.0", new YankRecord(entry("demo", "1.10.0"), "x", Instant.parse("2026-11-25T06:00:00Z"),
                        Actor.NONE))
                .withDeprecation("legacy", new Deprecation("", Instant.parse("2026-11-26T06:00:00Z"), Actor.NONE));

        byte[] written = CODEC.write(ledger);

        assertEquals(ledger, CODEC.read(written));
        String text = new String(written, StandardCharsets.UTF_8);
        assertEquals(true, text.indexOf("\"1.10.0\"") < text.indexOf("\"1.2.3\""), "versions newest first:\n" + text);
        assertEquals(true, text.contains("\"actor\" : \"octocat\""), text);
    }

    @Test
    void numbersAreKeptAsTheTextWrittenSoARestoredEntryNeverHoldsAJsonNumber() throws LedgerFormatException {
        String ledger = ("{\"schemaVersion\": 1, \"yanked\": {\"demo\": {\"1.0\": {\"reason\": \"r\", \"yankedAt\":"
                + " \"2026-11-24T06:00:00Z\", \"entry\": {\"name\": \"demo\", \"version\": 1.0, \"appVersion\": 1.10,"
                + " \"digest\": \"" + DIGEST + "\", \"urls\": [\"demo-1.0.tgz\"]}}}}}");

        IndexEntry entry = CODEC.read(ledger.getBytes(StandardCharsets.UTF_8)).yanked("demo", "1.0").orElseThrow().entry();

        assertEquals("1.10", entry.fields().get("appVersion").textValue());
        assertEquals(Map.of(), CODEC.read("{\"schemaVersion\": 1}".getBytes(StandardCharsets.UTF_8)).yanked());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON           | yanked:                                  | it is not valid JSON (Unrecognized token 'yanked': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))
            a list             | []                                       | the document: is an empty list, expected a JSON object
            no schemaVersion   | {}                                       | schemaVersion: is missing, but this tool reads schemaVersion 1 (a newer kube9-charts may have written it)
            a newer schema     | {"schemaVersion": 2}                     | schemaVersion: is "2", but this tool reads schemaVersion 1 (a newer kube9-charts may have written it)
            an unknown field   | {"schemaVersion": 1, "removed": {}}      | the document: has the unknown field "removed" (known: deprecated, schemaVersion, yanked)
            a duplicate key    | {"schemaVersion": 1, "schemaVersion": 1} | it is not valid JSON (duplicate key schemaVersion)
            yanked a list      | {"schemaVersion": 1, "yanked": []}       | yanked: is an empty list, expected a JSON object
            half a character   | {"schemaVersion": 1, "deprecated": {"x": {"message": "\\udc00"}}} | deprecated.x.message: holds an unpaired UTF-16 surrogate (not a Unicode character)
            """)
    void refusesADocumentThatIsNotALedger(String name, String content, String problem) {
        assertEquals(problem, refusal(content));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no entry          | "reason": "r", "yankedAt": "2026-11-24T06:00:00Z"                           | yanked["demo"]["1.0.0"].entry: is missing, expected a JSON object
            another version   | "reason": "r", "yankedAt": "2026-11-24T06:00:00Z", "entry": @2.0.0@         | yanked["demo"]["1.0.0"].entry.version: is "2.0.0", but the record is filed under "1.0.0"
            an empty reason   | "reason": " ", "yankedAt": "2026-11-24T06:00:00Z", "entry": @1.0.0@         | yanked["demo"]["1.0.0"].reason: is empty
            a boolean reason  | "reason": true, "yankedAt": "2026-11-24T06:00:00Z", "entry": @1.0.0@        | yanked["demo"]["1.0.0"].reason: is true, expected text
            a local time      | "reason": "r", "yankedAt": "2026-11-24 06:00", "entry": @1.0.0@             | yanked["demo"]["1.0.0"].yankedAt: is "2026-11-24 06:00", not an RFC 3339 time in UTC such as 2026-11-24T06:00:00Z
            a script link     | "reason": "r", "yankedAt": "2026-11-24T06:00:00Z", "runUrl": "javascript:alert(1)", "entry": @1.0.0@ | yanked["demo"]["1.0.0"].runUrl: is "javascript:alert(1)", not an absolute https URL
            """)
    void refusesAYankRecordUnyankCouldNotRestore(String name, String fields, String problem) {
        String entry = "{\"name\": \"demo\", \"version\": \"$\", \"digest\": \"" + DIGEST + "\", \"urls\": [\"demo-$.tgz\"]}";
        String record = fields.replace("@1.0.0@", entry.replace("$", "1.0.0")).replace("@2.0.0@", entry.replace("$", "2.0.0"));
        assertEquals(problem, refusal("{\"schemaVersion\": 1, \"yanked\": {\"demo\": {\"1.0.0\": {" + record + "}}}}"));
    }

    @Test
    void refusesAnEntryWithoutADigestOrAUrlAndOverLongTexts() {
        String base = "{\"schemaVersion\": 1, \"yanked\": {\"demo\": {\"1.0.0\": {\"reason\": \"r\", \"yankedAt\":"
                + " \"2026-11-24T06:00:00Z\", \"entry\": {\"name\": \"demo\", \"version\": \"1.0.0\", ";
        assertEquals("yanked[\"demo\"][\"1.0.0\"].entry.digest: is \"sha256:" + DIGEST + "\", not the"
                + " lowercase hex SHA-256 of the package", refusal(base + "\"digest\": \"sha256:" + DIGEST + "\", \"urls\": [\"x\"]}}}}}"));
        assertEquals("yanked[\"demo\"][\"1.0.0\"].entry.urls: is an empty list, not a list starting with the package URL",
                refusal(base + "\"digest\": \"" + DIGEST + "\", \"urls\": []}}}}}"));
        assertEquals("deprecated[\"legacy\"].message: is longer than 1000 characters", refusal("{\"schemaVersion\": 1, \"deprecated\":"
                + " {\"legacy\": {\"message\": \"" + "m".repeat(1001) + "\", \"deprecatedAt\": \"2026-11-24T06:00:00Z\"}}}"));
    }

    private static String refusal(String content) {
        return assertThrows(LedgerFormatException.class, () -> CODEC.read(content.getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
