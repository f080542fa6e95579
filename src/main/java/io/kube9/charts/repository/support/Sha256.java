package io.kube9.charts.repository.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Lowercase hex SHA-256, the digest format of Helm's index (no {@code sha256:} prefix). */
public final class Sha256 {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    /** Whether {@code text} is a digest in that format: 64 lowercase hex digits. */
    public static boolean isHex(String text) {
        return HEX.matcher(text).matches();
    }

    public static String hex(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    /** A fresh SHA-256 digest, for content that streams by. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
