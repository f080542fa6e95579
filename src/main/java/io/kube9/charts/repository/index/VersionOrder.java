package io.kube9.charts.repository.index;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Chart versions as Helm reads them: Masterminds' lenient SemVer ({@code v} prefix allowed, minor and
 * patch optional), so {@code 1.2} and {@code v1.2.3} are versions while {@code 1.2.3.4} is not.
 */
public final class VersionOrder {
    // The shape Masterminds semver.NewVersion accepts; semver4j then checks and compares the padded form.
    private static final Pattern LENIENT = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    /** Masterminds semver v3.3/v3.4 NewVersion's regular expression (Helm 3.17 and 4.1). */
    private static final Pattern MASTERMINDS = Pattern.compile("v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
            + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern NUMERIC = Pattern.compile("\\d+");
    private static final Comparator<Semver> CORE = Comparator.comparingInt(Semver::getMajor)
            .thenComparingInt(Semver::getMinor).thenComparingInt(Semver::getPatch);

    private VersionOrder() {}

    /**
     * The items newest first; versions Helm cannot parse sort last, among themselves by plain text. Each
     * version is parsed once (a comparator that parses on every comparison parses each about log n times).
     */
    public static <T> List<T> newestFirst(Collection<T> items, Function<T, String> version) {
        record Keyed<T>(T item, String text, Semver parsed) {}
        Comparator<Keyed<T>> order = (left, right) -> {
            if (left.parsed() != null && right.parsed() != null) {
                int byVersion = precedence(right.parsed(), left.parsed());
                return byVersion != 0 ? byVersion : left.text().compareTo(right.text());
            }
            if ((left.parsed() != null) != (right.parsed() != null)) {
                return left.parsed() != null ? -1 : 1;
            }
            return left.text().compareTo(right.text());
        };
        return items.stream()
                .map(item -> new Keyed<>(item, version.apply(item), parse(version.apply(item)).orElse(null)))
                .sorted(order)
                .map(Keyed::item)
                .toList();
    }

    /**
     * SemVer 2.0.0 precedence (build metadata ignored), as Masterminds semver sorts. Not semver4j's
     * compareTo: 5.4.0 throws on pre-release identifiers such as {@code 10E} against {@code 10E25100}.
     */
    static int precedence(Semver left, Semver right) {
        int core = CORE.compare(left, right);
        if (core != 0) {
            return core;
        }
        List<String> a = left.getPreRelease();
        List<String> b = right.getPreRelease();
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byIdentifier = compareIdentifiers(a.get(i), b.get(i));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numericA = NUMERIC.matcher(a).matches();
        boolean numericB = NUMERIC.matcher(b).matches();
        if (numericA && numericB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    public static Optional<Semver> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher matcher = LENIENT.matcher(version);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        // Masterminds reads the numbers, so leading zeros go (01.02.03 is 1.2.3)
        String padded = new BigInteger(matcher.group(1))
                + "." + (matcher.group(2) == null ? "0" : new BigInteger(matcher.group(2)))
                + "." + (matcher.group(3) == null ? "0" : new BigInteger(matcher.group(3)))
                + (matcher.group(4) == null ? "" : matcher.group(4))
                + (matcher.group(5) == null ? "" : matcher.group(5));
        return Optional.ofNullable(Semver.parse(padded));
    }

    /**
     * Whether Helm takes this for a chart version: Masterminds' NewVersion (v3.3 in Helm 3.17, v3.4 in
     * Helm 4.1): minor and patch optional, leading zeros allowed in them, each number within 64 bits, a
     * pre-release identifier of digits only without a leading zero.
     */
    public static boolean isValid(String version) {
        Matcher m = version == null ? null : MASTERMINDS.matcher(version);
        if (m == null || !m.matches()) {
            return false;
        }
        for (int group = 1; group <= 3; group++) {
            if (m.group(group) != null && new BigInteger(m.group(group).replace(".", "")).compareTo(MAX_UINT64) > 0) {
                return false;
            }
        }
        if (m.group(5) != null) {
            for (String identifier : m.group(5).split("\\.")) {
                if (NUMERIC.matcher(identifier).matches() && identifier.length() > 1 && identifier.charAt(0) == '0') {
                    return false;
                }
            }
        }
        return true;
    }
}
