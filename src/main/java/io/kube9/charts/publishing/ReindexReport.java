package io.kube9.charts.publishing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a reindex did. {@code previousIndex} is absent, readable or unreadable; {@code createdPreserved}
 * counts entries whose {@code created} came from it, the others took the package's upload time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReindexReport(boolean dryRun, int packages, int entries, int createdPreserved,
        List<String> skippedPackages, String previousIndex, boolean indexWritten, int indexAttempts,
        boolean landingPageWritten, List<String> invalidatedPaths, String invalidationId) {}
