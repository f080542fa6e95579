package io.kube9.charts.stats;

/**
 * A log object that was not counted (corrupt, not a CloudFront log, outside the hour folders), or a daily cache
 * object that could not be read, and why. {@code object} is the key after the logs prefix for a log object (what the
 * cache keeps, with no account or bucket in it) and the key for a cache object.
 */
public record UncountedObject(String object, String reason) {}
