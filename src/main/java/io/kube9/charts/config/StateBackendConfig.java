package io.kube9.charts.config;

/** Where Terraform keeps this environment's state (S3 backend; can be overridden at terraform init). */
public record StateBackendConfig(String bucket, String key, String region) {}
