package io.kube9.charts.repository.ledger;

/** A {@code lifecycle.json} that cannot be read as the lifecycle ledger; the message names the field. */
public final class LedgerFormatException extends Exception {
    public LedgerFormatException(String message) {
        super(message);
    }
}
