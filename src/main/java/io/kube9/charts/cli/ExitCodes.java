package io.kube9.charts.cli;

import io.kube9.charts.lifecycle.UnknownChartVersionException;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.repository.chart.ChartValidationException;
import io.kube9.charts.repository.storage.StorageAccessDeniedException;
import io.kube9.charts.repository.storage.StorageException;
import picocli.CommandLine;

/** The CLI's exit codes, listed in {@link Kube9ChartsCli}'s help footer and docs/publishing.md. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int VALIDATION = 3;
    public static final int CONFLICT = 4;
    public static final int TRANSIENT = 5;

    private ExitCodes() {}

    /** The exit code the CLI ends with when a command fails with {@code failure}. */
    public static int of(Throwable failure) {
        if (failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (failure instanceof ChartValidationException || failure instanceof UnknownChartVersionException) {
            return VALIDATION;
        }
        if (failure instanceof RepositoryConflictException || failure instanceof StorageAccessDeniedException) {
            return CONFLICT;
        }
        if (failure instanceof RetriesExhaustedException || failure instanceof StorageException) {
            return TRANSIENT;
        }
        return FAILURE;
    }
}
