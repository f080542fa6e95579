package io.kube9.charts.publishing.index;

/** How {@code index.yaml} is written. JSON is valid YAML and Helm >= 3.13 loads it several times faster. */
public enum IndexFormat {
    JSON("application/json"),
    // CloudFront compresses text/plain but not the YAML media types.
    YAML("text/plain;charset=utf-8");

    private final String contentType;

    IndexFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
