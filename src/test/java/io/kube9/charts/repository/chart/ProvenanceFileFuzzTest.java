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
    @DictionaryEntries({"-----BEGIN PGP SIGNED MESSAGE-----\n", "Hash: SHA512\n\n", "\n...\n", "files:\n  ", KEY + ": ",
        "sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\n-----BEGIN PGP SIGNATURE-----\n",
        "-----END PGP SIGNATURE-----\n", "- ", "&a", "*a", "{", "[", "\r\n"})
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
