package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CountingRuleTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** Bounces given as "days ago", separated by spaces; window and reset in days, 0 for none. */
    @ParameterizedTest(name = "bounces {0} days ago, window {1}, reset {2}: {3} count")
    @CsvSource({
        "'0',                 0,  0, 1",
        "'0 1 2 100',         0,  0, 4",
        "'0 1 2 100',         30, 0, 3",
        "'0 10 20 29',        30, 0, 4",
        "'0 10 20 31',        30, 0, 3",
        // a quiet gap of at least reset_after_days starts over: only what came after it counts
        "'0 1 2 40',          0,  30, 3",
        "'0 1 31 32',         0,  30, 2",
        "'0 29 58 87',        0,  30, 4",
        "'0 30',              0,  30, 1",
        // the gap between the window's start and the first bounce in it does not matter
        "'0 5 10 15 20 25',   30, 10, 6",
        "'0 5 20 25',         30, 10, 2",
        // quiet until now: starts from zero
        "'45 50',             0,  30, 0",
        "'30',                0,  30, 0",
        "'29',                0,  30, 1",
        "'',                  30, 30, 0"})
    void countsWhatTheWindowAndTheResetLeave(String daysAgo, int windowDays, int resetDays, long expected) {
        CountingRule rule = new CountingRule(windowDays == 0 ? null : Duration.ofDays(windowDays),
                resetDays == 0 ? null : Duration.ofDays(resetDays));
        assertEquals(expected, rule.count(times(daysAgo), NOW));
    }

    @Test
    void theOrderOfTheTimesDoesNotMatter() {
        CountingRule rule = new CountingRule(null, Duration.ofDays(30));
        assertEquals(2, rule.count(List.of(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(90)), NOW), NOW));
    }

    @Test
    void sinceIsTheStartOfTheWindow() {
        assertEquals(NOW.minus(Duration.ofDays(30)), new CountingRule(Duration.ofDays(30), null).since(NOW));
        assertNull(new CountingRule(null, Duration.ofDays(30)).since(NOW));
    }

    private static List<Instant> times(String daysAgo) {
        return Arrays.stream(daysAgo.trim().split("\\s+")).filter(d -> !d.isEmpty())
                .map(d -> NOW.minus(Duration.ofDays(Long.parseLong(d)))).toList();
    }
}
