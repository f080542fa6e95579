package io.kube9.charts.repository.chart;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * go-yaml v2's resolution of a scalar (YAML 1.1, as Helm reads chart files): a plain scalar may be a
 * null ({@code ~}, {@code null}), a boolean ({@code yes}, {@code on}, {@code True}...), an integer
 * (decimal, {@code 0x}, {@code 0o}, {@code 0b}, a leading {@code 0} for octal, underscores ignored), a
 * float ({@code 1.10}, {@code .5}, {@code 1e3}, {@code .inf}) or text; a quoted or block scalar is
 * text; an explicit {@code !!tag} must fit its value. Timestamps stay text, as go-yaml leaves them
 * when it decodes into an untyped value.
 */
final class GoYamlScalars {
    private static final String PREFIX = "tag:yaml.org,2002:";
    private static final String STR = PREFIX + "str";
    private static final String BOOL = PREFIX + "bool";
    private static final String INT = PREFIX + "int";
    private static final String FLOAT = PREFIX + "float";
    private static final String NULL = PREFIX + "null";
    private static final String TIMESTAMP = PREFIX + "timestamp";
    private static final String BINARY = PREFIX + "binary";
    private static final Set<String> RESOLVABLE = Set.of("", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP);
    private static final Object NULL_VALUE = new Object();
    private static final Map<String, Object> WORDS = words();
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
    private static final Pattern TIMESTAMP_SHAPE = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:([Tt ])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?)?$");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoYamlScalars() {}

    private static Map<String, Object> words() {
        Map<String, Object> words = new java.util.HashMap<>();
        for (String word : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            words.put(word, Boolean.TRUE);
        }
        for (String word : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            words.put(word, Boolean.FALSE);
        }
        for (String word : new String[] {"", "~", "null", "Null", "NULL"}) {
            words.put(word, NULL_VALUE);
        }
        for (String word : new String[] {".nan", ".NaN", ".NAN"}) {
            words.put(word, Double.NaN);
        }
        for (String word : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            words.put(word, Double.POSITIVE_INFINITY);
        }
        for (String word : new String[] {"-.inf", "-.Inf", "-.INF"}) {
            words.put(word, Double.NEGATIVE_INFINITY);
        }
        return words;
    }

    /**
     * @param tag           the explicit tag (full form, e.g. {@code tag:yaml.org,2002:str}), or null
     * @param plainImplicit a plain scalar without tag (or with the tag {@code !})
     */
    static Object resolve(String tag, String value, boolean plainImplicit, int line) throws GoYaml.Problem {
        if (tag == null && !plainImplicit) {
            return value;
        }
        String wanted = tag == null ? "" : tag.equals(BINARY) ? STR : tag;
        if (!RESOLVABLE.contains(wanted)) {
            return value;
        }
        Resolved resolved = wanted.equals(STR) ? new Resolved(STR, value) : resolvePlain(value);
        if (wanted.isEmpty() || wanted.equals(STR) || wanted.equals(resolved.tag)) {
            return resolved.value == NULL_VALUE ? null : resolved.value;
        }
        if (wanted.equals(FLOAT) && resolved.tag.equals(INT)) {
            return ((Number) resolved.value).doubleValue();
        }
        throw new GoYaml.Problem("cannot read !!" + resolved.tag.substring(PREFIX.length()) + " `" + value + "` as a !!"
                + wanted.substring(PREFIX.length()) + " (line " + line + ")");
    }

    private record Resolved(String tag, Object value) {}

    private static Resolved resolvePlain(String in) {
        char first = in.isEmpty() ? 'N' : in.charAt(0);
        Object word = WORDS.get(in);
        if (word != null) {
            return new Resolved(word == NULL_VALUE ? NULL : word instanceof Boolean ? BOOL : FLOAT, word);
        }
        if (first == '.') {
            if (DOT_FLOAT.matcher(in).matches()) {
                double value = Double.parseDouble(in);
                if (!Double.isInfinite(value)) {
                    return new Resolved(FLOAT, value);
                }
            }
        } else if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            if (isTimestamp(in)) {
                return new Resolved(TIMESTAMP, in);
            }
            String plain = in.replace("_", "");
            BigInteger integer = parseGoInteger(plain);
            if (integer != null) {
                if (integer.bitLength() < 64) {
                    return new Resolved(INT, integer.longValue());
                }
                if (integer.signum() > 0 && integer.compareTo(MAX_UINT64) <= 0 && plain.charAt(0) != '+') {
                    return new Resolved(INT, integer);
                }
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                double value = Double.parseDouble(plain);
                if (!Double.isInfinite(value)) {
                    return new Resolved(FLOAT, value);
                }
            }
        }
        return new Resolved(STR, in);
    }

    /** Go's strconv.ParseInt(s, 0, 64) syntax (sign, then 0x/0o/0b or a leading 0 for octal), or null. */
    private static BigInteger parseGoInteger(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        } else if (s.startsWith("0o", i) || s.startsWith("0O", i)) {
            radix = 8;
            i += 2;
        } else if (s.startsWith("0b", i) || s.startsWith("0B", i)) {
            radix = 2;
            i += 2;
        } else if (s.startsWith("0", i) && s.length() > i + 1) {
            radix = 8;
            i += 1;
        }
        if (i >= s.length()) {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            if (Character.digit(s.charAt(j), radix) < 0 || s.charAt(j) > 'z') {
                return null;
            }
        }
        BigInteger magnitude = new BigInteger(s.substring(i), radix);
        return negative ? magnitude.negate() : magnitude;
    }

    /** go-yaml's timestamp forms: 2006-1-2, 2006-1-2T15:4:5[.9]Z07:00 (or lower-case t), 2006-1-2 15:4:5[.9]. */
    private static boolean isTimestamp(String s) {
        Matcher m = TIMESTAMP_SHAPE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        boolean withTime = m.group(4) != null;
        if (withTime && (m.group(4).equals(" ") == (m.group(9) != null))) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return false;
        }
        return !withTime || (Integer.parseInt(m.group(5)) < 24 && Integer.parseInt(m.group(6)) < 60
                && Integer.parseInt(m.group(7)) < 60);
    }
}
