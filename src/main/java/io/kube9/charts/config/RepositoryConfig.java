package io.kube9.charts.config;

/** The public name of the chart repository and the Route53 hosted zone that holds it. */
public record RepositoryConfig(String domain, String hostedZone) {}
