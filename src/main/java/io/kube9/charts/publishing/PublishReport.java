package io.kube9.charts.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kube9.charts.repository.UploadStatus;
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
     * One chart package and its provenance file (provenanceStatus is null without a .prov file).
     *
     * @param digest        the digest of the package in the repository (and its index)
     * @param offeredDigest the digest of the offered package when it was re-packaged, else null
     * @param oci           its OCI tag ({@code oci://HOST/PATH/NAME:TAG}), null without an OCI repository
     * @param ociStatus     what was done with that tag, null without an OCI repository
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChartOutcome(String name, String version, String digest, String url, UploadStatus packageStatus,
            UploadStatus provenanceStatus, String offeredDigest, String oci, UploadStatus ociStatus) {
        public ChartOutcome(String name, String version, String digest, String url, UploadStatus packageStatus, UploadStatus provenanceStatus,
                String offeredDigest) {
            this(name, version, digest, url, packageStatus, provenanceStatus, offeredDigest, null, null);
        }

        public ChartOutcome withOci(String reference, UploadStatus status) {
            return new ChartOutcome(name, version, digest, url, packageStatus, provenanceStatus, offeredDigest, reference, status);
        }
    }
}
