package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.StatsCounters.Counter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionCountersTest {
    @Test
    void anActionCountsOverallAndOnItsUtcDay() {
        Instant lateInNewYork = OffsetDateTime.parse("2026-11-25T21:30:00-05:00").toInstant();
        assertEquals(List.of(new Counter("all", "action_day#blocklist#2026-11-26")),
                ActionCounters.of(ThresholdAction.BLOCKLIST, lateInNewYork));
        assertEquals(List.of(new Counter("all", "action_day#reactivate#2026-11-26")),
                ActionCounters.ofReactivation(lateInNewYork));
    }

    @Test
    void noActionCountsNothingAndEveryOtherIsListed() {
        assertEquals(List.of(), ActionCounters.of(ThresholdAction.NONE, Instant.EPOCH));
        for (ThresholdAction action : ThresholdAction.values()) {
            assertEquals(action != ThresholdAction.NONE, ActionCounters.ACTIONS.contains(action.wire()), action.wire());
        }
        assertEquals(4, ActionCounters.ACTIONS.size());
    }

    @Test
    void anActionsAllTimeCountIsTheSumOfItsDays() {
        assertEquals(Map.of("total", 4L, "action_day#blocklist#2026-11-25", 2L, "action_day#blocklist#2026-11-26", 3L,
                        "action_day#delete#2026-11-26", 1L, "action#blocklist", 5L, "action#delete", 1L),
                ActionCounters.withTotals(Map.of("total", 4L, "action_day#blocklist#2026-11-25", 2L,
                        "action_day#blocklist#2026-11-26", 3L, "action_day#delete#2026-11-26", 1L)));
    }
}
