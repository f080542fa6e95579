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

    public enum Status { UPLOADED, ALREADY_PUBLISHED, WOULD_UPLOAD }

    /**
     * One chart package (provenanceStatus is null without a .prov file) (and its provenance file, if any);
     * oci and ociStatus are its OCI tag ({@code oci://HOST/PATH/NAME:TAG}) and what was done with it, null
     * without an OCI repository.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChartOutcome(String name, String version, String digest, String url, Status packageStatus,
            Status provenanceStatus, String oci, Status ociStatus) {
        public ChartOutcome(String name, String version, String digest, String url, Status packageStatus, Status provenanceStatus) {
            this(name, version, digest, url, packageStatus, provenanceStatus, null, null);
        }

        public ChartOutcome withOci(String reference, Status status) {
            return new ChartOutcome(name, version, digest, url, packageStatus, provenanceStatus, reference, status);
        }
    }
}
