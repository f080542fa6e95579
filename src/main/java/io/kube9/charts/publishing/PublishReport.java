package io.kube9.charts.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a publish run did (or, with dry run, would do). Absent values are null, so the record
 * serializes directly as the CLI's JSON output.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishReport(boolean dryRun, List<ChartOutcome> charts, List<String> indexEntriesAdded,
        boolean indexWritten, int indexAttempts, boolean landingPageWritten, List<String> invalidatedPaths,
        String invalidationId) {

    /**
     * What happened to a package or provenance file. {@code ALREADY_PUBLISHED_REPACKAGED}: the offered
     * package has other bytes but the same content as the published one (re-packaged: only tar
     * headers, time stamps or compression differ), so the published package stays.
     * {@code NOT_UPLOADED_SIGNS_REPACKAGED_BYTES}: the offered provenance file signs those other bytes.
     */
    public enum Status { UPLOADED, ALREADY_PUBLISHED, WOULD_UPLOAD, ALREADY_PUBLISHED_REPACKAGED, NOT_UPLOADED_SIGNS_REPACKAGED_BYTES }

    /**
     * One chart package and its provenance file (provenanceStatus is null without a .prov file).
     *
     * @param digest        the digest of the package in the repository (and its index)
     * @param offeredDigest the digest of the offered package when it was re-packaged, else null
     * @param oci           its OCI tag ({@code oci://HOST/PATH/NAME:TAG}), null without an OCI repository
     * @param ociStatus     what was done with that tag, null without an OCI repository
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChartOutcome(String name, String version, String digest, String url, Status packageStatus,
            Status provenanceStatus, String offeredDigest, String oci, Status ociStatus) {
        public ChartOutcome(String name, String version, String digest, String url, Status packageStatus, Status provenanceStatus,
                String offeredDigest) {
            this(name, version, digest, url, packageStatus, provenanceStatus, offeredDigest, null, null);
        }

        public ChartOutcome withOci(String reference, Status status) {
            return new ChartOutcome(name, version, digest, url, packageStatus, provenanceStatus, offeredDigest, reference, status);
        }
    }
}
