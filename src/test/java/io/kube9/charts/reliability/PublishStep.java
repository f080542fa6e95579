package io.kube9.charts.reliability;

/** A step of a publish, as the requests that carry it (matched by the fault proxy). */
enum PublishStep {
    PACKAGE_UPLOAD("package upload", "PUT", ".tgz"),
    PROVENANCE_UPLOAD("provenance upload", "PUT", ".prov"),
    INDEX_READ("index read", "GET", "/index.yaml"),
    INDEX_WRITE("index write", "PUT", "/index.yaml"),
    LANDING_PAGE_WRITE("landing page write", "PUT", "/index.html"),
    INVALIDATION("CDN invalidation", "POST", "/invalidation");

    final String label;
    final String method;
    final String pathSuffix;

    PublishStep(String label, String method, String pathSuffix) {
        this.label = label;
        this.method = method;
        this.pathSuffix = pathSuffix;
    }

    boolean isWrite() {
        return !method.equals("GET");
    }
}
