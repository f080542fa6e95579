package io.kube9.charts.config;

import static io.kube9.charts.config.ConfigValidator.MAX_BUCKET_NAME;
import static io.kube9.charts.config.ConfigValidator.quote;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of {@code bucket.replica} and the {@code alerts} section (called by {@link ConfigValidator}). */
final class AvailabilityRules {
    private static final String REPLICA = "bucket.replica";
    private static final String EMAILS = "alerts.emails";
    /** What SNS accepts as an email endpoint, roughly: one '@', no spaces, a dotted domain. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Route 53 checks every 30 seconds (standard) or every 10 (fast). */
    private static final Set<Integer> HEALTH_CHECK_INTERVALS = Set.of(10, 30);

    private final ConfigValidator validator;

    private AvailabilityRules(ConfigValidator validator) {
        this.validator = validator;
    }

    static void check(ChartHostingConfig config, ConfigValidator validator) {
        AvailabilityRules rules = new AvailabilityRules(validator);
        rules.checkReplica(config.bucket());
        rules.checkAlerts(config.alerts());
    }

    private void checkReplica(BucketConfig bucket) {
        if (bucket.replica() == null || !validator.region(REPLICA, bucket.replica())) {
            return;
        }
        if (bucket.replica().equals(bucket.region())) {
            validator.fail(REPLICA, quote(bucket.replica()) + " is also bucket.region; a replica in the same region fails with the"
                    + " primary", "use another region, such as 'us-west-2' for 'us-east-1', or null for no replica", "bucket.region");
        }
        boolean nameReported = bucket.name() == null || bucket.name().length() > ConfigValidator.MAX_CHART_BUCKET_NAME;
        if (!nameReported && bucket.replicaBucketName().length() > MAX_BUCKET_NAME) {
            validator.fail(REPLICA, "the replica bucket " + quote(bucket.replicaBucketName()) + " would be longer than S3's "
                    + MAX_BUCKET_NAME + " characters", "shorten bucket.name to at most " + (MAX_BUCKET_NAME - "-replica".length())
                    + " characters, or set bucket.replica to null", "bucket.name");
        }
    }

    private void checkAlerts(AlertsConfig alerts) {
        List<String> emails = alerts.emails();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            String at = EMAILS + "[" + i + "]";
            String email = emails.get(i);
            if (!validator.required(at, email)) {
                continue;
            }
            if (!EMAIL.matcher(email).matches()) {
                validator.fail(at, quote(email) + " is not an email address", "write an address such as 'ops@kube9.io'", EMAILS);
            } else if (!seen.add(email.toLowerCase())) {
                validator.fail(at, quote(email) + " is listed twice", "list each address once", EMAILS);
            }
        }
        errorRate("alerts.serverError", alerts.serverErrors());
        errorRate("alerts.clientError", alerts.clientErrors());
        if (!HEALTH_CHECK_INTERVALS.contains(alerts.healthCheckIntervalSeconds())) {
            validator.fail("alerts.healthCheckIntervalSeconds", alerts.healthCheckIntervalSeconds() + " is not a Route 53 request"
                    + " interval", "use 30 (standard) or 10 (fast, billed extra)");
        }
        validator.range("alerts.healthCheckFailureThreshold", alerts.healthCheckFailureThreshold(), 1, 10,
                "consecutive failed fetches before a Route 53 checker counts index.yaml unhealthy");
        validator.range("alerts.healthCheckEvaluationPeriods", alerts.healthCheckEvaluationPeriods(), 1, 60,
                "minutes the probe must report unhealthy before its alarm fires");
    }

    private void errorRate(String prefix, AlertsConfig.ErrorRateAlarm alarm) {
        validator.range(prefix + "RatePercent", alarm.thresholdPercent(), 1, 100, "percent of requests answered with an error");
        String period = prefix + "PeriodSeconds";
        validator.range(period, alarm.periodSeconds(), 60, 86_400, "seconds each error rate is averaged over");
        if (alarm.periodSeconds() % 60 != 0) {
            validator.fail(period, alarm.periodSeconds() + " is not a whole number of minutes (CloudFront reports once a minute)",
                    "use a multiple of 60, such as 300");
        }
        validator.range(prefix + "EvaluationPeriods", alarm.evaluationPeriods(), 1, 24,
                "periods in a row the rate must exceed the threshold before the alarm fires");
    }
}
