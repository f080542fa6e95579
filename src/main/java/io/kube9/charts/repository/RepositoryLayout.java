package io.kube9.charts.repository;

import io.kube9.charts.repository.index.IndexFormat;
import io.kube9.charts.repository.storage.ObjectHeaders;

/**
 * Where things live in the repository and the headers each kind of object is served with. Packages and provenance files never change once
 * published, so browsers and CloudFront may keep them for a year; the index and landing page change
 * with every release and are fresh for five minutes, then served stale while the edge revalidates them
 * ({@link #MUTABLE}).
 */
public final class RepositoryLayout {
    public static final String INDEX_KEY = "index.yaml";
    public static final String LANDING_PAGE_KEY = "index.html";
    /** Each chart's page is {@code charts/<name>/index.html}; the CDN invalidates them as one wildcard path. */
    public static final String CHART_PAGES_PREFIX = "charts/";
    public static final String ARTIFACT_HUB_KEY = "artifacthub-repo.yml";
    /** The lifecycle ledger: yanked entries as they were and deprecated charts (written by yank, unyank, deprecate). */
    public static final String LIFECYCLE_KEY = "lifecycle.json";
    /**
     * The index annotation that records the OCI repository the charts are also pushed to, so that every command renders
     * the same pages whichever flags it was given.
     */
    public static final String OCI_REPOSITORY_ANNOTATION = "charts.kube9.io/oci-repository";
    /** Download statistics from the CDN's logs (written by the stats command, read by the landing page). */
    public static final String STATISTICS_KEY = "stats.json";
    public static final String PACKAGE_SUFFIX = ".tgz";
    public static final String PROVENANCE_SUFFIX = ".tgz.prov";

    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** How long an edge may serve an expired mutable object while it fetches the new one in the background. */
    public static final int STALE_WHILE_REVALIDATE_SECONDS = 3600;
    /** How long an edge may serve an expired mutable object while the origin answers 5xx (a regional S3 outage). */
    public static final int STALE_IF_ERROR_SECONDS = 86400;
    public static final int MUTABLE_MAX_AGE_SECONDS = 300;

    /**
     * Five minutes fresh; then an edge answers from its copy while it revalidates (an hour: a chart repository's
     * edges see a request less often than every ten minutes, so a shorter window would make most refreshes wait on
     * the origin; a publish invalidates the paths, so a release still shows at once), and for a day while the origin
     * fails.
     */
    public static final String MUTABLE = "public, max-age=" + MUTABLE_MAX_AGE_SECONDS + ", stale-while-revalidate="
            + STALE_WHILE_REVALIDATE_SECONDS + ", stale-if-error=" + STALE_IF_ERROR_SECONDS;
    /** What mutable objects were written with before the stale directives; a refresh rewrites them ({@link ConditionalUpdater}). */
    public static final String MUTABLE_BEFORE_STALE_DIRECTIVES = "public, max-age=300";

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
