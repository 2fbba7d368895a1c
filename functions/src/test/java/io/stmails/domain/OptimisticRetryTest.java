package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimisticRetryTest {
    private final List<Duration> waits = new ArrayList<>();

    private OptimisticRetry retry(int attempts, double random) {
        return new OptimisticRetry(attempts, Duration.ofMillis(10), Duration.ofMillis(500), waits::add, () -> random);
    }

    @Test
    void aFirstAttemptThatWinsReturnsItsResultWithoutWaiting() {
        assertEquals("done", retry(5, 0.5).run("write", () -> Optional.of("done")));
        assertEquals(List.of(), waits);
    }

    @Test
    void aLostAttemptIsRunAgainAfterAWait() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry(5, 0.999).run("write", () -> calls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("won"));
        assertEquals("won", result);
        assertEquals(3, calls.get());
        assertEquals(2, waits.size());
    }

    @Test
    void exhaustionThrowsAContentionExceptionNamingTheChangeAfterExactlyTheBoundOfAttempts() {
        AtomicInteger calls = new AtomicInteger();
        ContentionException thrown = assertThrows(ContentionException.class,
                () -> retry(4, 0.5).run("delete of subscriber s-1", () -> {
                    calls.incrementAndGet();
                    return Optional.empty();
                }));
        assertEquals(4, calls.get());
        assertEquals(3, waits.size(), "no wait after the last attempt");
        assertTrue(thrown.getMessage().contains("delete of subscriber s-1"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("4 times"), thrown.getMessage());
    }

    @ParameterizedTest(name = "after lost attempt {0} the bound is {1} ms")
    @CsvSource({"1,10", "2,20", "3,40", "4,80", "5,160", "6,320", "7,500", "8,500", "40,500", "70,500"})
    void theBoundDoublesUpToTheLongestWait(int lostAttempt, long boundMillis) {
        Duration nearlyBound = retry(10, 0.999_999).waitAfter(lostAttempt);
        assertTrue(nearlyBound.compareTo(Duration.ofMillis(boundMillis)) <= 0, nearlyBound.toString());
        assertTrue(nearlyBound.compareTo(Duration.ofMillis(boundMillis).multipliedBy(999).dividedBy(1000)) >= 0,
                nearlyBound.toString());
    }

    @Test
    void theJitterPicksAWaitBetweenZeroAndTheBound() {
        assertEquals(Duration.ZERO, retry(10, 0.0).waitAfter(3));
        assertEquals(Duration.ofMillis(10), retry(10, 0.25).waitAfter(3));
    }

    @Test
    void anInterruptedWaitEndsTheLoopWithAContentionExceptionAndKeepsTheInterruptFlag() {
        OptimisticRetry interrupted = new OptimisticRetry(5, Duration.ofMillis(10), Duration.ofMillis(500), d -> {
            throw new InterruptedException();
        }, () -> 0.5);
        try {
            assertThrows(ContentionException.class, () -> interrupted.run("write", Optional::empty));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new OptimisticRetry(0, Duration.ZERO, Duration.ZERO, waits::add, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OptimisticRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1), waits::add, () -> 0));
    }

    @Test
    void theStandardRetryWaitsAtMostAboutASecondInAll() {
        OptimisticRetry standard = OptimisticRetry.standard();
        Duration total = Duration.ZERO;
        for (int lost = 1; lost < 8; lost++) {
            total = total.plus(standard.waitAfter(lost));
        }
        assertTrue(total.compareTo(Duration.ofMillis(1130)) <= 0, total.toString());
    }
}
