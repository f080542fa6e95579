package io.kube9.charts.verification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.kube9.charts.repository.index.ChartIndex;
import java.util.List;
import java.util.Optional;

/**
 * What {@code verify} checked and every problem it found (empty when the repository is sound).
 *
 * @param index the index verify read from the bucket, for callers that compare it with another (empty when the bucket has
 *              none); absent when it could not be read as a Helm index. Not part of the JSON output
 */
public record VerifyReport(String repository, int entries, int packages, List<String> problems,
        @JsonIgnore Optional<ChartIndex> index) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
