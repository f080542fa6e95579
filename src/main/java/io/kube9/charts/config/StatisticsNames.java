package io.kube9.charts.config;

/**
 * The names of the statistics resources of one environment, fixed by configuration so the stats command, its workflow
 * and operators know them without reading Terraform state.
 *
 * @param requestLogBucket   CloudFront standard logging v2 objects (Parquet) and the stats command's cache
 * @param queryResultsBucket the Athena workgroup's query results
 * @param logDelivery        the CloudWatch Logs delivery source, destination and delivery of the distribution's logs
 * @param glueDatabase       Glue catalog database (Athena reads names with '-' only quoted, so '_')
 * @param glueTable          the table over the request logs
 * @param workgroup          the Athena workgroup the stats command runs its queries in
 * @param roleName           the role of the repository-stats workflow
 */
public record StatisticsNames(String requestLogBucket, String queryResultsBucket, String logDelivery, String glueDatabase,
                              String glueTable, String workgroup, String roleName) {
    public static final String REQUEST_LOG_BUCKET_SUFFIX = "-request-logs";
    public static final String QUERY_RESULTS_BUCKET_SUFFIX = "-query-results";
    public static final String GLUE_TABLE = "cloudfront_logs";

    public static StatisticsNames of(ChartHostingConfig config) {
        String stack = config.stackName();
        String bucket = config.bucket().name();
        return new StatisticsNames(bucket + REQUEST_LOG_BUCKET_SUFFIX, bucket + QUERY_RESULTS_BUCKET_SUFFIX,
                stack + "-cloudfront", stack.replace('-', '_'), GLUE_TABLE, stack + "-stats", stack + "-stats");
    }

    /** The longest suffix a statistics bucket adds to {@code bucket.name}. */
    static int longestBucketSuffix() {
        return Math.max(REQUEST_LOG_BUCKET_SUFFIX.length(), QUERY_RESULTS_BUCKET_SUFFIX.length());
    }
}
