package io.kube9.charts.repository;

import io.kube9.charts.repository.ledger.Ledger;
import io.kube9.charts.repository.ledger.LedgerCodec;
import io.kube9.charts.repository.ledger.LedgerFormatException;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import java.util.Optional;

/**
 * The ledger in the bucket (read from the origin, never the CDN): absent means empty; a corrupt one is
 * refused, never built on or overwritten.
 */
public final class StoredLedger {
    private static final LedgerCodec CODEC = new LedgerCodec();

    private StoredLedger() {}

    public static Ledger read(ObjectStore store) {
        return parse(store, store.get(RepositoryLayout.LIFECYCLE_KEY));
    }

    public static Ledger parse(ObjectStore store, Optional<StoredObject> object) {
        if (object.isEmpty()) {
            return Ledger.EMPTY;
        }
        try {
            return CODEC.read(object.get().content());
        } catch (LedgerFormatException e) {
            throw new RepositoryConflictException(location(store) + " cannot be read as the lifecycle ledger: " + e.getMessage()
                    + ". It was left untouched and nothing was changed. Fix that field, or restore the previous version of the"
                    + " object (the bucket keeps versions), then run the command again");
        }
    }

    /**
     * The ledger's bytes, refused when {@link #read} would refuse them (e.g. a yanked index entry without a SHA-256
     * digest or a URL, which the index codec lets through): a ledger no command can read again is never written.
     */
    public static byte[] write(Ledger ledger) {
        byte[] content = CODEC.write(ledger);
        try {
            CODEC.read(content);
        } catch (LedgerFormatException e) {
            throw new RepositoryConflictException("lifecycle.json would not be readable after this change: " + e.getMessage()
                    + ". Nothing was changed. Fix that field of the entry in index.yaml (reindex rebuilds entries from the"
                    + " packages), then run the command again");
        }
        return content;
    }

    public static String location(ObjectStore store) {
        return store.describe() + "/" + RepositoryLayout.LIFECYCLE_KEY;
    }
}
