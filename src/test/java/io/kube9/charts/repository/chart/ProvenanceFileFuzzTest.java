package io.kube9.charts.repository.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the provenance check: any bytes a source serves as a {@code .prov} either vouch for the
 * package (then they are a clear-signed message whose signed text lists it with its digest) or are refused with a
 * message, never an exception.
 */
class ProvenanceFileFuzzTest {
    private static final String KEY = "demo-1.0.0.tgz";
    private static final String DIGEST = "a".repeat(64);

    @FuzzTest(maxDuration = "10s")
    // libFuzzer's dictionary format: one quoted entry a line, so a line break is written as the escape \x0A
    @DictionaryEntries({"-----BEGIN PGP SIGNED MESSAGE-----\\x0A", "Hash: SHA512\\x0A\\x0A", "\\x0A...\\x0A", "files:\\x0A  ",
        KEY + ": ", "sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "\\x0A-----BEGIN PGP SIGNATURE-----\\x0A", "-----END PGP SIGNATURE-----\\x0A", "- ", "&a", "*a", "{", "[", "\\x0D\\x0A"})
    void provenanceVouchesForThePackageOrIsRefusedWithAMessage(byte[] input) {
        Optional<String> problem = ProvenanceFile.problem(input, KEY, DIGEST);
        if (problem.isPresent()) {
            assertFalse(problem.get().isBlank());
            assertFalse(problem.get().contains("Exception"), problem.get());
        } else {
            String text = new String(input, StandardCharsets.UTF_8);
            assertTrue(text.contains("-----BEGIN PGP SIGNED MESSAGE-----") && text.contains("-----END PGP SIGNATURE-----"), text);
            assertTrue(text.contains("sha256:" + DIGEST), text);
            assertEquals(Optional.empty(), ProvenanceFile.problem(input, KEY, DIGEST));
            assertTrue(ProvenanceFile.problem(input, KEY, "b".repeat(64)).isPresent(), "another digest is refused");
        }
    }
}
