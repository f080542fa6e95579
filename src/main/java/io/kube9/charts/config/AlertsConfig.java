package io.kube9.charts.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Alarms on the distribution and the uptime probe of {@code index.yaml}, all notifying one SNS topic.
 *
 * @param emails                        addresses subscribed to the topic (each confirms by mail); none by default
 * @param serverErrorRatePercent        the 5xxErrorRate (percent of requests) that raises the server-error alarm
 * @param clientErrorRatePercent        the 4xxErrorRate that raises the client-error (surge) alarm
 * @param healthCheckIntervalSeconds    how often each Route 53 checker fetches index.yaml: 30 (standard) or 10 (fast, billed extra)
 * @param healthCheckFailureThreshold   consecutive failed fetches before a checker counts the endpoint unhealthy
 * @param healthCheckEvaluationPeriods  one-minute periods of HealthCheckStatus below 1 before the probe alarm fires
 * @param additionalMetrics             CloudFront's billed additional metrics (per-status rates, origin latency, cache hit rate)
 */
public record AlertsConfig(List<String> emails,
                           int serverErrorRatePercent, int serverErrorPeriodSeconds, int serverErrorEvaluationPeriods,
                           int clientErrorRatePercent, int clientErrorPeriodSeconds, int clientErrorEvaluationPeriods,
                           int healthCheckIntervalSeconds, int healthCheckFailureThreshold, int healthCheckEvaluationPeriods,
                           boolean additionalMetrics) {

    public AlertsConfig {
        emails = emails == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(emails));
    }

    /** When an error-rate alarm fires: the rate over {@code periodSeconds}, above the threshold in {@code evaluationPeriods} periods in a row. */
    public record ErrorRateAlarm(int thresholdPercent, int periodSeconds, int evaluationPeriods) {}

    public ErrorRateAlarm serverErrors() {
        return new ErrorRateAlarm(serverErrorRatePercent, serverErrorPeriodSeconds, serverErrorEvaluationPeriods);
    }

    public ErrorRateAlarm clientErrors() {
        return new ErrorRateAlarm(clientErrorRatePercent, clientErrorPeriodSeconds, clientErrorEvaluationPeriods);
    }
}
