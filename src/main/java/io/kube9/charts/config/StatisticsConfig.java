package io.kube9.charts.config;

/**
 * Download statistics: CloudFront standard logging v2 (Parquet) to a private request-log bucket, a Glue table and an
 * Athena workgroup over it, and the role of the daily repository-stats workflow. On by default; {@code enabled: false}
 * creates none of it (the legacy access logs stay, see docs/infrastructure.md).
 *
 * @param logRetentionDays           days a request-log object is kept before it expires (the raw client addresses
 *                                   live only there, and only this long)
 * @param queryResultRetentionDays   days an Athena query result is kept in the results bucket
 * @param bytesScannedCutoffPerQuery Athena cancels a query of the workgroup that would scan more than this
 */
public record StatisticsConfig(boolean enabled, int logRetentionDays, int queryResultRetentionDays,
                               long bytesScannedCutoffPerQuery) {}
