package io.kube9.charts.repository;

import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.Optional;

/** {@code lifecycle.json} as a run read it: the object (empty: absent) and the ledger it holds (empty when absent). */
public record LedgerRead(Optional<StoredObject> object, Ledger ledger) {}
