package io.kube9.charts.migration;

import io.kube9.charts.repository.UploadStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an import did (or, with dry run, would do) for every entry of the source index. Absent values
 * are null, so the record serializes directly as the CLI's JSON output.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(boolean dryRun, String source, String repository, List<EntryOutcome> entries,
        List<String> indexEntriesAdded, boolean indexWritten, int indexAttempts, boolean landingPageWritten,
        List<String> invalidatedPaths, String invalidationId) {

    /** What happened to an entry; problems make the import exit 4, unreachable sources 5. */
    public enum Status {
        IMPORTED, ALREADY_IMPORTED, WOULD_IMPORT, DUPLICATE,
        MISSING, DIGEST_MISMATCH, CONFLICT, INVALID,
        UNREACHABLE;

        public boolean problem() {
            return this == MISSING || this == DIGEST_MISMATCH || this == CONFLICT || this == INVALID;
        }
    }

    /**
     * One entry of the source index; {@code url} is where this repository serves its package; {@code oci} and
     * {@code ociStatus} its OCI tag and what was (or would be) done with it, null without an OCI repository
     * or when the entry did not get that far.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntryOutcome(String name, String version, String digest, Status status, String url, Boolean provenance,
            String detail, String oci, UploadStatus ociStatus) {
        EntryOutcome(String name, String version, String digest, Status status, String url, Boolean provenance, String detail) {
            this(name, version, digest, status, url, provenance, detail, null, null);
        }

        EntryOutcome withStatus(Status newStatus, String newDetail) {
            return new EntryOutcome(name, version, digest, newStatus, url, provenance, newDetail, oci, ociStatus);
        }

        EntryOutcome withOci(String reference, UploadStatus mirrorStatus) {
            return new EntryOutcome(name, version, digest, status, url, provenance, detail, reference, mirrorStatus);
        }
    }

    public long count(Status status) {
        return entries.stream().filter(entry -> entry.status() == status).count();
    }

    public boolean hasProblems() {
        return entries.stream().anyMatch(entry -> entry.status().problem());
    }

    public boolean incomplete() {
        return count(Status.UNREACHABLE) > 0;
    }
}
