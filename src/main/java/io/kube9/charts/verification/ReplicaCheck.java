package io.kube9.charts.verification;

import io.kube9.charts.repository.storage.ObjectInfo;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.support.Sha256;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a replica bucket (the CDN's failover origin) holds what the primary holds: every object of the primary
 * with the same size, content and headers. Sizes are compared first; then entity tags, which S3 replication keeps
 * (a replicated object has its source's ETag, single-part or multipart); only when those differ (a copy made some
 * other way, e.g. uploaded in a different number of parts) are both objects downloaded and their SHA-256 compared,
 * so an object is reported different only when its bytes or its headers are. Objects only in the replica are
 * listed, not counted as problems (a deletion replicates only when delete-marker replication is on).
 */
public final class ReplicaCheck {
    private final ObjectStore primary;
    private final ObjectStore replica;
    private final Progress progress;

    public ReplicaCheck(ObjectStore primary, ObjectStore replica, Progress progress) {
        this.primary = primary;
        this.replica = replica;
        this.progress = progress;
    }

    public ReplicaReport check() {
        List<String> primaryKeys = primary.list();
        Set<String> replicaKeys = new HashSet<>(replica.list());
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (String key : primaryKeys) {
            Optional<ObjectInfo> source = primary.head(key);
            Optional<ObjectInfo> copy = replicaKeys.contains(key) ? replica.head(key) : Optional.empty();
            if (source.isEmpty()) {
                continue; // deleted since the listing
            }
            if (copy.isEmpty()) {
                missing.add(key);
            } else {
                difference(source.get(), copy.get()).ifPresent(why -> different.add(key + ": " + why));
            }
        }
        Set<String> inPrimary = new HashSet<>(primaryKeys);
        List<String> onlyInReplica = replicaKeys.stream().filter(key -> !inPrimary.contains(key)).sorted().toList();
        progress.line("verify: " + primaryKeys.size() + " objects in " + primary.describe() + " compared with " + replica.describe());
        return new ReplicaReport(primary.describe(), replica.describe(), primaryKeys.size(), missing, different, onlyInReplica);
    }

    private Optional<String> difference(ObjectInfo source, ObjectInfo copy) {
        if (source.size() != copy.size()) {
            return Optional.of("size " + copy.size() + " in the replica, " + source.size() + " in the primary");
        }
        if (!source.headers().equals(copy.headers())) {
            return Optional.of("headers " + copy.headers() + " in the replica, " + source.headers() + " in the primary");
        }
        if (source.etag().equals(copy.etag())) {
            return Optional.empty();
        }
        try {
            String sourceDigest = digest(primary, source.key());
            String copyDigest = digest(replica, copy.key());
            return sourceDigest.equals(copyDigest) ? Optional.empty()
                    : Optional.of("sha256 " + copyDigest + " in the replica, " + sourceDigest + " in the primary");
        } catch (RepositoryConflictException tooLarge) {
            return Optional.of("ETag " + copy.etag() + " in the replica, " + source.etag() + " in the primary (too large to compare"
                    + " the content)");
        }
    }

    private static String digest(ObjectStore store, String key) {
        return store.get(key).map(StoredObject::content).map(Sha256::hex).orElse("(deleted since the listing)");
    }
}
