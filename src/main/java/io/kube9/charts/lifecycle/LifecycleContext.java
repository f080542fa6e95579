package io.kube9.charts.lifecycle;

import io.kube9.charts.repository.ledger.Actor;
import io.kube9.charts.repository.Progress;
import io.kube9.charts.repository.RepositorySettings;
import io.kube9.charts.repository.cdn.Invalidator;
import io.kube9.charts.repository.storage.ObjectStore;
import java.time.Clock;

/**
 * What a lifecycle command works on and with: the repository's store, how it is written and its CDN,
 * the clock and the actor recorded in the ledger, and where progress goes.
 */
public record LifecycleContext(ObjectStore store, Invalidator invalidator, RepositorySettings settings, Clock clock, Actor actor,
        Progress progress) {}
