package io.kube9.charts.repository;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Object keys and the URLs Helm fetches them by. The S3 REST API, and CloudFront in front of it,
 * decode {@code +} in a request path as a space, so a key is written into a URL with every byte
 * outside RFC 3986's unreserved characters percent-encoded ({@code 1.0.0+build.7} becomes
 * {@code 1.0.0%2Bbuild.7}), which every HTTP server decodes back to the key. Reading a URL back
 * accepts both forms: a literal {@code +} stays a {@code +} (indexes written by {@code helm repo index}
 * carry it, and the CDN's viewer-request function rewrites it to {@code %2B}).
 */
public final class PackageUrls {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private PackageUrls() {}

    /** The key as one URL path segment. */
    public static String encode(String key) {
        StringBuilder encoded = new StringBuilder(key.length() + 8);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return encoded.toString();
    }

    /** Percent-decodes a URL path; unlike form decoding, {@code +} stays {@code +}. Malformed escapes stay as written. */
    public static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(path, i + 1, i + 3));
                i += 3;
            } else {
                int codePoint = path.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The key an entry URL points at in the repository at {@code repositoryUrl}: a relative URL, or an
     * absolute one under the repository URL; empty when it points elsewhere. Query and fragment are ignored.
     */
    public static Optional<String> keyOf(String url, String repositoryUrl) {
        String base = repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
        String path;
        if (url.startsWith(base)) {
            path = url.substring(base.length());
        } else if (isAbsolute(url)) {
            return Optional.empty();
        } else {
            path = url.startsWith("/") ? url.substring(1) : url;
        }
        int end = indexOfAny(path, '?', '#');
        return Optional.of(decode(end < 0 ? path : path.substring(0, end)));
    }

    private static boolean isAbsolute(String url) {
        try {
            return URI.create(url.replace(" ", "%20")).isAbsolute();
        } catch (IllegalArgumentException e) {
            return url.contains("://");
        }
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
