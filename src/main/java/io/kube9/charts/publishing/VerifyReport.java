package io.kube9.charts.publishing;

import java.util.List;

/** What {@code verify} checked and every problem it found (empty when the repository is sound). */
public record VerifyReport(String repository, int entries, int packages, List<String> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
