package io.kube9.charts.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube9.charts.repository.index.IndexEntry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of what the import reads from an untrusted source index beyond the index
 * codec (which IndexCodecFuzzTest covers): an entry's name, version, digest and urls[0]. Either the
 * entry is refused with a message, or its package key is a plain file name, its URL an http(s) URL
 * Java's HTTP client accepts with no literal '+' in the path (the form S3 reads as '+'), the .prov URL
 * beside it, and its bucket key read without failing. Input: name, version and URL on three lines.
 */
class SourceUrlsFuzzTest {
    private static final URI BASE = SourceUrls.base(URI.create("https://charts.kube9.io/sub"));

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"https://", "http://", "//", "../", "./", "%2B", "+", "%", "?", "#", "[::1]", ":8080", "@", "file:",
        "kube9-operator", "1.0.0", "-rc.1", "+build.5", ".tgz", "/", "\\", " "})
    void anEntryIsRefusedOrReadSafely(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
        String name = lines[0];
        String version = lines.length > 1 ? lines[1] : "";
        String url = lines.length > 2 ? lines[2] : "";
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("name", name).put("version", version)
                .put("digest", "a".repeat(64));
        fields.putArray("urls").add(url);
        if (SourceEntries.problem(name, new IndexEntry(fields)).isEmpty()) {
            String key = SourceEntries.packageKey(new IndexEntry(fields));
            assertFalse(key.contains("/") || key.contains("\\") || key.startsWith("."), key);
        }
        URI resolved;
        try {
            resolved = SourceUrls.resolve(BASE, url);
        } catch (SourceException refused) {
            assertTrue(refused.getMessage().startsWith("urls[0] \""), refused.getMessage());
            assertFalse(refused.transientFailure());
            return;
        }
        assertTrue(resolved.getScheme().equals("http") || resolved.getScheme().equals("https"), resolved::toString);
        assertNotNull(resolved.getHost(), resolved::toString);
        assertFalse(resolved.getRawPath().contains("+"), resolved::toString);
        assertEquals(resolved, HttpRequest.newBuilder(resolved).build().uri());
        URI provenance = SourceUrls.withPathSuffix(resolved, ".prov");
        assertTrue(provenance.getRawPath().endsWith(".prov"), provenance::toString);
        assertNotNull(SourceUrls.keyOf(url));
    }
}
