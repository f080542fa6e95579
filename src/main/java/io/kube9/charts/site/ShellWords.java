package io.kube9.charts.site;

import java.util.regex.Pattern;

/**
 * Words of the commands the page tells people to paste into a shell. Chart names and versions from an
 * index are not guaranteed to be harmless there, so anything beyond plain URL and version characters
 * is single-quoted.
 */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+:/@%=-]+");

    private ShellWords() {}

    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    static String command(String... words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.isEmpty() ? "" : " ").append(quote(word));
        }
        return line.toString();
    }
}
