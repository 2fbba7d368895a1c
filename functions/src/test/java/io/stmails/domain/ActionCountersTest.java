package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.StatsCounters.Counter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionCountersTest {
    @Test
    void anActionCountsOverallAndOnItsUtcDay() {
        Instant lateInNewYork = OffsetDateTime.parse("2026-11-25T21:30:00-05:00").toInstant();
        LocalDate utcDay = LocalDate.parse("2026-11-26");
        assertEquals(List.of(new Counter("all", utcDay, "action#blocklist")),
                ActionCounters.of(ThresholdAction.BLOCKLIST, lateInNewYork));
        assertEquals(List.of(new Counter("all", utcDay, "action#reactivate")),
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
}
