package io.kube9.charts.stats;

/** The statistics could not be computed (a query failed or timed out); nothing was written. */
public class StatisticsException extends RuntimeException {
    public StatisticsException(String message) {
        super(message);
    }

    public StatisticsException(String message, Throwable cause) {
        super(message, cause);
    }
}
