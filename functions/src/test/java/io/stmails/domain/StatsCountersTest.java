package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.StatsCounters.Counter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatsCountersTest {
    private static final String CAMPAIGN = "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e";
    private static final Instant AT = Instant.parse("2026-11-21T23:59:59Z");

    @Test
    void aBounceWithAReasonCountsByTypeAndDayAndByTypeAndReasonInBothScopes() {
        List<Counter> counters = StatsCounters.of(bounce(CAMPAIGN, "Transient/MailboxFull"));
        String campaign = StatsCounters.campaignScope(CAMPAIGN);
        assertEquals(Set.of(
                new Counter("all", "total"), new Counter("all", "type#soft"), new Counter("all", "source#ses"),
                new Counter("all", "day#2026-11-21"), new Counter("all", "type_day#soft#2026-11-21"),
                new Counter("all", "reason#soft#Transient/MailboxFull"),
                new Counter(campaign, "total"), new Counter(campaign, "type#soft"), new Counter(campaign, "source#ses"),
                new Counter(campaign, "day#2026-11-21"), new Counter(campaign, "type_day#soft#2026-11-21"),
                new Counter(campaign, "reason#soft#Transient/MailboxFull")), Set.copyOf(counters));
        assertEquals(12, counters.size());
    }

    @Test
    void aBounceRecordedBeforeReasonsWereKeptCountsOnlyWhatItCountedThen() {
        assertEquals(Set.of(new Counter("all", "total"), new Counter("all", "type#soft"), new Counter("all", "source#ses"),
                new Counter("all", "day#2026-11-21")), Set.copyOf(StatsCounters.of(bounce(null, null))));
    }

    private static Bounce bounce(String campaign, String reason) {
        return new Bounce("01JDAAAAAAAAAAAAAAAAAAAAAA", "0b7d1c55-2d0c-4f8e-8a55-3f1e9b6c2a10", "a@example.com", campaign,
                BounceType.SOFT, "ses", "{}", AT, "k", null, false, reason, null, null);
    }
}
