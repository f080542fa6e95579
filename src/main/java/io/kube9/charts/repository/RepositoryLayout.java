package io.kube9.charts.repository;

import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.storage.ObjectHeaders;

/**
 * Where things live in the repository and the headers each kind of object is served with. Packages and provenance files never change once
 * published, so browsers and CloudFront may keep them for a year; the index and landing page change
 * with every release and are cached for five minutes.
 */
public final class RepositoryLayout {
    public static final String INDEX_KEY = "index.yaml";
    public static final String LANDING_PAGE_KEY = "index.html";
    public static final String ARTIFACT_HUB_KEY = "artifacthub-repo.yml";
    /** The lifecycle ledger: yanked entries as they were and deprecated charts (written by yank, unyank, deprecate). */
    public static final String LIFECYCLE_KEY = "lifecycle.json";
    /** Download statistics from the CDN's logs (written by the stats command, read by the landing page). */
    public static final String STATISTICS_KEY = "stats.json";
    public static final String PACKAGE_SUFFIX = ".tgz";
    public static final String PROVENANCE_SUFFIX = ".tgz.prov";

    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String MUTABLE = "public, max-age=300";

    /**
     * application/gzip (RFC 6713) says what the bytes are without a Content-Encoding, so no client or
     * CDN decompresses the package in transit and its digest stays verifiable; CloudFront does not
     * re-compress it either.
     */
    public static final ObjectHeaders PACKAGE = new ObjectHeaders("application/gzip", IMMUTABLE);

    /**
     * A .prov file is a clear-signed OpenPGP text message (RFC 4880 section 7), readable as is; the
     * application/pgp-signature type (RFC 3156) names a detached signature, which it is not.
     */
    public static final ObjectHeaders PROVENANCE = new ObjectHeaders("text/plain;charset=utf-8", IMMUTABLE);

    public static final ObjectHeaders LANDING_PAGE = new ObjectHeaders("text/html;charset=utf-8", MUTABLE);

    public static final ObjectHeaders ARTIFACT_HUB = new ObjectHeaders("text/plain;charset=utf-8", MUTABLE);

    public static final ObjectHeaders LIFECYCLE = new ObjectHeaders("application/json", MUTABLE);

    public static final ObjectHeaders STATISTICS = new ObjectHeaders("application/json", MUTABLE);

    private RepositoryLayout() {}

    public static ObjectHeaders indexHeaders(IndexFormat format) {
        return new ObjectHeaders(format.contentType(), MUTABLE);
    }
}
