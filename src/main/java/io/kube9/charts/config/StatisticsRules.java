package io.kube9.charts.config;

import static io.kube9.charts.config.ConfigValidator.MAX_BUCKET_NAME;

/** The rules of the {@code statistics} section (called by {@link ConfigValidator}). */
final class StatisticsRules {
    /** Athena refuses a per-query cutoff under 10 MB. */
    static final long MIN_BYTES_SCANNED_CUTOFF = 10L * 1024 * 1024;
    /** 1 TiB: one query at this cutoff costs about $5. */
    static final long MAX_BYTES_SCANNED_CUTOFF = 1024L * 1024 * 1024 * 1024;

    private StatisticsRules() {}

    static void check(ChartHostingConfig config, ConfigValidator validator) {
        StatisticsConfig statistics = config.statistics();
        if (!statistics.enabled()) {
            return;
        }
        validator.range("statistics.logRetentionDays", statistics.logRetentionDays(), 1, 3650,
                "days CloudFront request logs (with client addresses) are kept for the statistics");
        validator.range("statistics.queryResultRetentionDays", statistics.queryResultRetentionDays(), 1, 365,
                "days Athena query results are kept");
        validator.range("statistics.bytesScannedCutoffPerQuery", statistics.bytesScannedCutoffPerQuery(),
                MIN_BYTES_SCANNED_CUTOFF, MAX_BYTES_SCANNED_CUTOFF,
                "bytes an Athena query may scan before it is cancelled (Athena's minimum is 10 MB; 10 GiB is 10737418240)");
        String bucket = config.bucket().name();
        int longest = MAX_BUCKET_NAME - StatisticsNames.longestBucketSuffix();
        if (bucket != null && !validator.reported("bucket.name") && bucket.length() > longest) {
            StatisticsNames names = StatisticsNames.of(config);
            validator.fail("bucket.name", ConfigValidator.quote(bucket) + " is too long for the statistics buckets '"
                    + names.queryResultsBucket() + "' and '" + names.requestLogBucket() + "' (at most " + MAX_BUCKET_NAME
                    + " characters)", "use a name of at most " + longest + " characters, or set statistics.enabled to false",
                    "statistics.enabled");
        }
    }
}
