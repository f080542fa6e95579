package io.kube9.charts.repository.ledger;

import java.time.Instant;

/** A chart marked deprecated: every version carries {@code deprecated: true} in the index until it is undone. */
public record Deprecation(String message, Instant deprecatedAt, Actor actor) {}
