package io.kube9.charts.repository.ledger;

import io.kube9.charts.repository.index.IndexEntry;
import java.time.Instant;

/**
 * A version taken out of the index: its entry exactly as the index held it (every field, the digest,
 * {@code created}), so that unyank can put it back unchanged, and why, when and by whom.
 */
public record YankRecord(IndexEntry entry, String reason, Instant yankedAt, Actor actor) {}
