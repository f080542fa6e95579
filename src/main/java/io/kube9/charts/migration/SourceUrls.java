package io.kube9.charts.migration;

import io.kube9.charts.repository.PackageUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Entry URLs of an untrusted index, read as Helm reads them: {@code urls[0]} is absolute, or relative
 * to the repository URL with a trailing slash forced. The legacy origin is CloudFront in front of the
 * S3 REST API, which reads a literal {@code +} in a path as a space, so a {@code +} is sent as
 * {@code %2B} (which every HTTP server decodes to {@code +}); an index may carry either form.
 */
public final class SourceUrls {
    private static final String ALLOWED = "-._~:/?#[]@!$&'()*+,;=";

    private SourceUrls() {}

    /** The repository URL with a trailing slash, as Helm forces it before resolving. */
    public static URI base(URI repositoryUrl) {
        String text = repositoryUrl.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** The http(s) URL an entry URL points at, fragment dropped, {@code +} in the path as {@code %2B}. */
    public static URI resolve(URI base, String entryUrl) {
        if (entryUrl.isBlank()) {
            throw invalid(entryUrl, "is empty");
        }
        URI reference;
        try {
            reference = new URI(escapeIllegal(entryUrl));
        } catch (URISyntaxException e) {
            throw invalid(entryUrl, "is not a URL (" + e.getReason() + ")");
        }
        URI resolved = base.resolve(reference);
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || resolved.getHost() == null) {
            throw invalid(entryUrl, "is not an http:// or https:// URL with a host");
        }
        String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
        return URI.create(scheme + "://" + resolved.getRawAuthority() + path.replace("+", "%2B")
                + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery()));
    }

    /** The same URL with {@code suffix} appended to its path (before any query). */
    public static URI withPathSuffix(URI url, String suffix) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + suffix
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /**
     * The bucket key an entry URL names: the path of an absolute URL, or the relative URL itself,
     * without query and fragment, percent-decoded with {@code +} kept as {@code +}.
     */
    public static String keyOf(String entryUrl) {
        String path = entryUrl;
        int end = indexOfAny(path, '?', '#');
        path = end < 0 ? path : path.substring(0, end);
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return PackageUrls.decode(path);
    }

    /** Percent-encodes what java.net.URI refuses but Go's url.Parse (Helm) accepts: spaces, non-ASCII, stray '%'. */
    private static String escapeIllegal(String url) {
        StringBuilder escaped = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean escape = c == '%' && !(i + 2 < url.length() && isHex(url.charAt(i + 1)) && isHex(url.charAt(i + 2)));
            if (!escape && c < 128 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0 || c == '%')) {
                escaped.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
            for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                escaped.append('%').append(String.format("%02X", b & 0xff));
            }
            i = end - 1;
        }
        return escaped.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }

    private static SourceException invalid(String entryUrl, String problem) {
        return new SourceException("urls[0] \"" + entryUrl + "\" " + problem, false);
    }
}
