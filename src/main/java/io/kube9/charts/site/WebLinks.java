package io.kube9.charts.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Links the page may carry from chart metadata: http and https URLs only. The engine escapes a URL for
 * its attribute but only drops {@code javascript:} in an {@code a href}; {@code data:}, {@code file:}
 * and other schemes in an icon or link are dropped here.
 */
final class WebLinks {
    private WebLinks() {}

    /** The URL as written when it is an absolute http(s) URL with a host, else null. */
    static String httpOrNull(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? url.strip() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
