package io.kube9.charts.repository.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube9.charts.repository.index.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check {@code helm pull --verify} makes of a {@code .prov} file before it looks at the signature: a PGP
 * clear-signed message whose signed body is Chart.yaml, a {@code ...} line and a YAML {@code files:} map that
 * lists the package's file name with {@code sha256:<hex>} of its bytes. The signature itself is not verified
 * (that needs the signer's keyring); only that the signature block is there.
 */
public final class ProvenanceFile {
    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
    private static final ObjectMapper YAML = SafeYaml.mapper((int) ArchiveLimits.MAX_DECOMPRESSED_FILE_BYTES);

    private ProvenanceFile() {}

    /** Why {@code provenance} does not vouch for the package {@code packageKey} with sha256 {@code digest}, or empty when it does. */
    public static Optional<String> problem(byte[] provenance, String packageKey, String digest) {
        List<String> lines = List.of(new String(provenance, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", -1));
        int line = 0;
        while (line < lines.size() && lines.get(line).isBlank()) {
            line++;
        }
        if (line == lines.size() || !lines.get(line).strip().equals(BEGIN_MESSAGE)) {
            return Optional.of("is not a PGP clear-signed message (it does not begin with " + BEGIN_MESSAGE + ")");
        }
        line++;
        while (line < lines.size() && !lines.get(line).isEmpty()) {
            line++; // armor headers (Hash: SHA512) up to the blank line
        }
        List<String> body = new ArrayList<>();
        for (line++; line < lines.size() && !lines.get(line).strip().equals(BEGIN_SIGNATURE); line++) {
            String text = lines.get(line);
            body.add(text.startsWith("- ") ? text.substring(2) : text); // dash-escaping of the clear-signed text
        }
        if (line >= lines.size() || lines.subList(line, lines.size()).stream().noneMatch(l -> l.strip().equals(END_SIGNATURE))) {
            return Optional.of("has no signature block (" + BEGIN_SIGNATURE + " ... " + END_SIGNATURE + ")");
        }
        int separator = body.indexOf("...");
        if (separator < 0) {
            return Optional.of("has no `...` line between Chart.yaml and the files: map in its signed body");
        }
        String files = String.join("\n", body.subList(separator + 1, body.size()));
        JsonNode listed;
        try {
            listed = SafeYaml.readTree(YAML, files.getBytes(StandardCharsets.UTF_8)).path("files").path(packageKey);
        } catch (IOException | RuntimeException e) {
            return Optional.of("has a signed files: section that is not YAML (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (!listed.isTextual()) {
            return Optional.of("does not list " + packageKey + " in the files: map of its signed body");
        }
        if (!listed.asText().equals("sha256:" + digest)) {
            return Optional.of("lists " + packageKey + " with " + listed.asText() + ", but the package has sha256:" + digest);
        }
        return Optional.empty();
    }
}
