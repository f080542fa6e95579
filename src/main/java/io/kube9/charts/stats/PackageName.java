package io.kube9.charts.stats;

import io.kube9.charts.repository.index.VersionOrder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A downloaded package's chart and version, from the logged path ({@code /<name>-<version>.tgz}, percent-encoded):
 * chart names contain dashes, so the longest chart name of the index that the file name starts with wins; a
 * package the index does not list (yanked, or never indexed) is split before the first dash followed by a version.
 */
public record PackageName(String chart, String version) {
    /** What a package path that splits into no name and version is counted as. */
    static final String UNRECOGNIZED_VERSION = "(unrecognized)";

    /** Parses with the index's chart names, longest first. */
    public static PackageName parse(String uriStem, List<String> knownCharts) {
        String path = percentDecode(uriStem);
        String file = path.substring(path.lastIndexOf('/') + 1);
        String base = file.endsWith(".tgz") ? file.substring(0, file.length() - ".tgz".length()) : file;
        Optional<String> known = knownCharts.stream()
                .filter(name -> base.length() > name.length() + 1 && base.startsWith(name + "-"))
                .max(Comparator.comparingInt(String::length));
        if (known.isPresent()) {
            return new PackageName(known.get(), base.substring(known.get().length() + 1));
        }
        for (int dash = base.indexOf('-'); dash > 0; dash = base.indexOf('-', dash + 1)) {
            if (VersionOrder.isValid(base.substring(dash + 1))) {
                return new PackageName(base.substring(0, dash), base.substring(dash + 1));
            }
        }
        return new PackageName(base, UNRECOGNIZED_VERSION);
    }

    /** %XX sequences only: a '+' stays a '+' (a path, not a form). Malformed sequences are kept as they are. */
    static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
