package io.kube9.charts.repository;

import io.kube9.charts.repository.index.ChartIndex;

/**
 * The index as a run last read it from the bucket, with that object's entity tag, so that later steps
 * of the same run can reuse it while the bucket still holds that very object (checked with a HEAD).
 */
public record IndexSnapshot(String etag, ChartIndex index) {}
