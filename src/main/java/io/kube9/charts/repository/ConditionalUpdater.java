package io.kube9.charts.repository;

import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.repository.support.RetryPolicy;
import io.kube9.charts.repository.storage.ObjectHeaders;
import io.kube9.charts.repository.storage.ObjectStore;
import io.kube9.charts.repository.storage.StorageException;
import io.kube9.charts.repository.storage.StoredObject;
import io.kube9.charts.repository.storage.WriteOutcome;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Optimistic read-modify-write of one mutable object: read it with its entity tag, compute the new
 * content, write it with {@code If-Match} (or {@code If-None-Match: *} when it did not exist); when
 * another writer got there first, read again and recompute, a bounded number of times. Create-only
 * writes are the case where the change writes only while nothing is there.
 */
final class ConditionalUpdater {
    private final ObjectStore store;
    private final RetryPolicy retry;
    private final Progress progress;

    ConditionalUpdater(ObjectStore store, RetryPolicy retry, Progress progress) {
        this.store = store;
        this.retry = retry;
        this.progress = progress;
    }

    /**
     * What an update did: whether it wrote, what it wrote, after how many attempts, and the written object's entity
     * tag when the store answered it.
     */
    public record Result(boolean written, Optional<byte[]> content, int attempts, Optional<String> etag) {
        public Result(boolean written, Optional<byte[]> content, int attempts) {
            this(written, content, attempts, Optional.empty());
        }
    }

    /**
     * Create-only write, starting from {@code firstRead}: the object under the key as the caller has just
     * read it (empty: absent). When it is there, {@code checkExisting} sees it (and throws to refuse other
     * bytes) and nothing is written, without a request; when it is absent, the object is written with
     * {@code If-None-Match: *}. When that write is refused (another run wrote the key since, or S3 answered
     * 409 because another conditional write of it was in flight), the key is read again and the same
     * applies, with backoff. A published object is never deleted, so a first read that saw one stays true.
     *
     * @return whether this call wrote the object
     */
    public boolean createOnly(String key, byte[] content, ObjectHeaders headers, Supplier<Optional<StoredObject>> firstRead,
            Consumer<StoredObject> checkExisting) {
        return update(key, headers, firstRead, current -> {
            current.ifPresent(checkExisting);
            return current.isPresent() ? Optional.empty() : Optional.of(content);
        }, false).written();
    }

    /**
     * @param change the current object (if any) to the content to write, or empty when nothing needs
     *               to change; it runs once per attempt and may throw to abort the update
     */
    public Result update(String key, ObjectHeaders headers, Function<Optional<StoredObject>, Optional<byte[]>> change) {
        return update(key, headers, () -> store.get(key), change);
    }

    /**
     * As {@link #update(String, ObjectHeaders, Function)}, with the first attempt working on
     * {@code firstRead} (an object the caller has just read) instead of reading again; a retry reads anew.
     * An object whose content needs no change but whose {@code Cache-Control} differs from {@code headers}'s (one
     * written before the caching policy changed) is rewritten with the same content and {@code Content-Type}, so a
     * re-run brings the headers up to date too.
     */
    public Result update(String key, ObjectHeaders headers, Supplier<Optional<StoredObject>> firstRead,
            Function<Optional<StoredObject>, Optional<byte[]>> change) {
        return update(key, headers, firstRead, change, true);
    }

    private Result update(String key, ObjectHeaders headers, Supplier<Optional<StoredObject>> firstRead,
            Function<Optional<StoredObject>, Optional<byte[]>> change, boolean refreshCacheControl) {
        return retry.run(attempt -> {
            try {
                Optional<StoredObject> current = attempt == 1 ? firstRead.get() : store.get(key);
                Optional<byte[]> desired = change.apply(current);
                ObjectHeaders written = headers;
                if (desired.isEmpty() && refreshCacheControl && current.isPresent()
                        && !current.get().info().headers().cacheControl().equals(headers.cacheControl())) {
                    desired = Optional.of(current.get().content());
                    written = new ObjectHeaders(current.get().info().headers().contentType(), headers.cacheControl());
                }
                if (desired.isEmpty()) {
                    return new Result(false, Optional.empty(), attempt);
                }
                WriteOutcome outcome = current.isPresent()
                        ? store.putIfMatch(key, desired.get(), written, current.get().etag())
                        : store.putIfAbsent(key, desired.get(), written);
                if (outcome.written()) {
                    return new Result(true, desired, attempt, outcome.etag());
                }
                progress.line(key + " was changed or is being written by another run; reading it again (attempt "
                        + (attempt + 1) + " of " + retry.maxAttempts() + ")");
                throw new RetryPolicy.TryAgain("lost the race", null);
            } catch (StorageException e) {
                progress.line("storage error on " + key + ": " + e.getMessage() + "; retrying");
                throw new RetryPolicy.TryAgain(e.getMessage(), e);
            }
        }, last -> new RetriesExhaustedException("gave up updating " + key + " in " + store.describe() + " after "
                + retry.maxAttempts() + " attempts" + (last.getCause() == null
                        ? ": other runs kept changing or writing it; run again (the run is idempotent)"
                        : ": " + last.getCause().getMessage()), last.getCause()));
    }
}
