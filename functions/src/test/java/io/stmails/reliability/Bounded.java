package io.stmails.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls an entry point on a separate thread and waits a bounded time, so that a hang is a failure
 * with a name instead of a stuck build. Whatever the entry point throws is reported as having escaped.
 */
public final class Bounded {
    /** Far above any answer's normal time (milliseconds) on a loaded two-core machine. */
    public static final Duration LIMIT = Duration.ofSeconds(15);
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bounded-call");
        thread.setDaemon(true);
        return thread;
    });

    private Bounded() {
    }

    /** What the entry point returned, or what it threw (an {@link Exception} or {@link Error}). */
    public record Outcome<T>(T value, Throwable thrown) {
    }

    /** Runs {@code call}; fails the property on a hang, returns what it returned or threw. */
    public static <T> Outcome<T> run(String entryPoint, Callable<T> call) {
        Figures.input(entryPoint);
        Future<T> future = CALLS.submit(call);
        try {
            return new Outcome<>(future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            Figures.hang(entryPoint);
            throw new AssertionError(entryPoint + " did not answer within " + LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs {@code call}, which must answer in time without throwing. */
    public static <T> T call(String entryPoint, Callable<T> call) {
        Outcome<T> outcome = run(entryPoint, call);
        if (outcome.thrown() != null) {
            Figures.escaped(entryPoint);
            throw new AssertionError(entryPoint + ": an exception escaped: " + outcome.thrown(), outcome.thrown());
        }
        return outcome.value();
    }
}
