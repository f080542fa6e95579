package io.kube9.charts.config;

/**
 * CloudFront settings: the price class, the longest a chart package and index.yaml may stay at the
 * edge, and how long access logs are kept.
 */
public record CdnConfig(String priceClass, long chartMaxTtlSeconds, long indexMaxTtlSeconds, int accessLogExpirationDays) {}
