package io.kube9.charts.repository.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Bounded retries with "full jitter" exponential backoff: the wait before attempt n is uniformly
 * random in [0, min(maxDelay, baseDelay * 2^(n-1))], which spreads racing writers apart. The one retry
 * loop of the system: storage writes, registry calls and HTTP reads all go through {@link #run}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(20, Duration.ofMillis(50), Duration.ofSeconds(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** One attempt: its result, or {@link TryAgain} when another attempt may succeed. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws TryAgain;
    }

    /** An attempt that failed in a way another attempt may not: a lost race, a transient error (then its cause). */
    public static final class TryAgain extends Exception {
        public TryAgain(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    /**
     * Runs {@code attempt} until it returns, at most {@link #maxAttempts} times, pausing before each retry.
     *
     * @param exhausted the failure to throw after the last attempt, given that attempt's {@link TryAgain}
     */
    public <T> T run(Attempt<T> attempt, Function<TryAgain, RuntimeException> exhausted) {
        TryAgain last = null;
        for (int n = 1; n <= maxAttempts; n++) {
            if (n > 1) {
                pauseBefore(n);
            }
            try {
                return attempt.run(n);
            } catch (TryAgain again) {
                last = again;
            }
        }
        throw exhausted.apply(last);
    }

    /** Sleeps before the given retry (attempt 2, 3, ...). */
    public void pauseBefore(int attempt) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingException("interrupted while waiting to retry", e);
        }
    }
}
