package io.kube9.charts.migration;

import io.kube9.charts.repository.support.PublishingException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The heap an import lets packages take at once. A package is checked and written from memory (the chart loader and
 * the object store take its bytes), so {@code parallelism} large packages at a time would need that many times their
 * size: each one reserves a share of the budget for as long as it is held, and waits for it; small packages still run
 * {@code parallelism} at a time, large ones fewer, one at the least.
 */
final class PackageMemory {
    /** A package held costs its bytes, a copy of them (the stored object it is compared with, an upload buffer) and the loader's working set. */
    private static final int COPIES = 2;
    private static final long WORKING_SET = 8L * 1024 * 1024;
    private static final long UNIT = 1024 * 1024;

    private final Semaphore units;
    private final int total;

    PackageMemory(long bytes) {
        this.total = (int) Math.max(1, bytes / UNIT);
        this.units = new Semaphore(total, true);
    }

    /** Half of the heap the JVM may grow to ({@code -Xmx}); the rest is the index, the pool's threads and the libraries. */
    static PackageMemory ofHeap() {
        return new PackageMemory(Runtime.getRuntime().maxMemory() / 2);
    }

    /** Runs {@code work} on a package of {@code size} bytes once its share of the budget is free (the whole budget at most). */
    <T> T within(long size, Supplier<T> work) {
        int needed = (int) Math.min(total, (size * COPIES + WORKING_SET + UNIT - 1) / UNIT);
        try {
            units.acquire(needed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingException("interrupted while importing", e);
        }
        try {
            return work.get();
        } finally {
            units.release(needed);
        }
    }
}
