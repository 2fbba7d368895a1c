package io.stmails.domain;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The one loop for optimistic writes: read, decide, write on a condition, and when someone else
 * changed the item meanwhile, wait a little and do it all again. Attempts are bounded; the waits
 * grow exponentially with full jitter (a random wait between zero and the bound), so two writers
 * that collided do not collide again in step. When every attempt lost the race,
 * {@link ContentionException} says so: the caller answers "retry later", never a silent give-up.
 */
public final class OptimisticRetry {
    /** Waits; injected so tests run without sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One read-decide-write round: its result, or empty when the write lost to a concurrent change. */
    @FunctionalInterface
    public interface Attempt<T> {
        Optional<T> run();
    }

    private static final int STANDARD_ATTEMPTS = 8;
    private static final Duration STANDARD_FIRST_WAIT = Duration.ofMillis(10);
    private static final Duration STANDARD_LONGEST_WAIT = Duration.ofMillis(500);
    private static final OptimisticRetry STANDARD = new OptimisticRetry(STANDARD_ATTEMPTS, STANDARD_FIRST_WAIT,
            STANDARD_LONGEST_WAIT, duration -> Thread.sleep(duration.toMillis()), () -> Jitter.RANDOM.nextDouble());

    private final int maxAttempts;
    private final Duration firstWait;
    private final Duration longestWait;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * @param firstWait   the bound of the wait after the first lost attempt; it doubles after each further one
     * @param longestWait the bound is never more than this
     * @param random      values in [0, 1) that pick each wait below its bound
     */
    public OptimisticRetry(int maxAttempts, Duration firstWait, Duration longestWait, Sleeper sleeper,
            DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (firstWait.isNegative() || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("waits must satisfy 0 <= firstWait <= longestWait");
        }
        this.maxAttempts = maxAttempts;
        this.firstWait = firstWait;
        this.longestWait = longestWait;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** 8 attempts, waits bounded by 10 ms doubling up to 500 ms: at most about 1.1 s of waiting in all. */
    public static OptimisticRetry standard() {
        return STANDARD;
    }

    /**
     * @param what names the change, for the exception's message ("delete of subscriber …")
     * @throws ContentionException when every attempt lost to a concurrent change
     */
    public <T> T run(String what, Attempt<T> attempt) {
        for (int number = 1; ; number++) {
            Optional<T> result = attempt.run();
            if (result.isPresent()) {
                return result.get();
            }
            if (number == maxAttempts) {
                throw new ContentionException(what + " lost to concurrent changes " + maxAttempts + " times");
            }
            pause(what, number);
        }
    }

    /** The wait after the given lost attempt: uniformly random below min(longest, first × 2^(attempt-1)). */
    Duration waitAfter(int lostAttempt) {
        long first = firstWait.toNanos();
        long bound = lostAttempt > 62 || first > (longestWait.toNanos() >> (lostAttempt - 1))
                ? longestWait.toNanos() : first << (lostAttempt - 1);
        return Duration.ofNanos((long) (Math.min(bound, longestWait.toNanos()) * random.getAsDouble()));
    }

    private void pause(String what, int lostAttempt) {
        try {
            sleeper.sleep(waitAfter(lostAttempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentionException(what + " was interrupted while waiting to try again", e);
        }
    }

    /**
     * Created on first use, never during a SnapStart snapshot's init: environments resumed from one
     * snapshot would otherwise draw the same waits and collide in step again.
     */
    private static final class Jitter {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
