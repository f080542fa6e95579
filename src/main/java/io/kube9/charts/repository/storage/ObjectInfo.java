package io.kube9.charts.repository.storage;

import java.time.Instant;

/** What the store knows about an object apart from its content. */
public record ObjectInfo(String key, String etag, long size, ObjectHeaders headers, Instant lastModified) {}
