package io.kube9.charts.repository.index;

/** How {@code index.yaml} is written. JSON is valid YAML and Helm >= 3.13 loads it several times faster. */
public enum IndexFormat {
    JSON("application/json"),
    // CloudFront compresses text/plain but not the YAML media types.
    YAML("text/plain;charset=utf-8");

    private final String contentType;

    IndexFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The format an index is written in: JSON when its first non-blank character is '{', as Helm decides. */
    public static IndexFormat of(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return b == '{' ? JSON : YAML;
            }
        }
        return YAML;
    }

    public String contentType() {
        return contentType;
    }
}
