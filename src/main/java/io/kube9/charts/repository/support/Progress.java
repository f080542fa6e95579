package io.kube9.charts.repository.support;

/** Human-readable progress lines (the CLI prints them on stderr). */
@FunctionalInterface
public interface Progress {
    Progress SILENT = line -> {};

    void line(String message);
}
