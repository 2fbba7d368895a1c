package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.StatsCounters.Counter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatsCountersTest {
    private static final String CAMPAIGN = "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e";
    private static final Instant AT = Instant.parse("2026-11-21T23:59:59Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-21");

    @Test
    void aBounceWithAReasonCountsByTypeSourceAndReasonOnItsUtcDayInBothScopes() {
        List<Counter> counters = StatsCounters.of(bounce(CAMPAIGN, "Transient/MailboxFull"));
        String campaign = StatsCounters.campaignScope(CAMPAIGN);
        assertEquals(Set.of(
                new Counter("all", DAY, "total"), new Counter("all", DAY, "type#soft"), new Counter("all", DAY, "source#ses"),
                new Counter("all", DAY, "reason#soft#Transient/MailboxFull"),
                new Counter(campaign, DAY, "total"), new Counter(campaign, DAY, "type#soft"),
                new Counter(campaign, DAY, "source#ses"), new Counter(campaign, DAY, "reason#soft#Transient/MailboxFull")),
                Set.copyOf(counters));
        assertEquals(8, counters.size());
        assertEquals(2, StatsCounters.items(counters), "one item per scope and day");
    }

    @Test
    void aBounceRecordedBeforeReasonsWereKeptCountsNoReason() {
        assertEquals(Set.of(new Counter("all", DAY, "total"), new Counter("all", DAY, "type#soft"),
                new Counter("all", DAY, "source#ses")), Set.copyOf(StatsCounters.of(bounce(null, null))));
    }

    @Test
    void itemsAreScopeDayPairsWhateverTheirAttributes() {
        LocalDate next = DAY.plusDays(1);
        assertEquals(3, StatsCounters.items(List.of(new Counter("all", DAY, "total"), new Counter("all", DAY, "type#hard"),
                new Counter("all", next, "total"), new Counter("campaign#x", DAY, "total"))));
    }

    @Test
    void readingSumsTheDaysAndGivesEachDayItsOwnView() {
        LocalDate next = DAY.plusDays(1);
        Map<String, Long> read = StatsCounters.read(Map.of(
                DAY, Map.of("total", 3L, "type#hard", 2L, "type#soft", 1L, "source#ses", 3L,
                        "reason#hard#Permanent/General", 2L, "action#blocklist", 2L),
                next, Map.of("total", 1L, "type#hard", 1L, "source#postfix-relay", 1L,
                        "reason#hard#Permanent/General", 1L, "action#blocklist", 1L, "action#reactivate", 1L)));
        assertEquals(Map.ofEntries(
                Map.entry("total", 4L), Map.entry("type#hard", 3L), Map.entry("type#soft", 1L),
                Map.entry("source#ses", 3L), Map.entry("source#postfix-relay", 1L),
                Map.entry("reason#hard#Permanent/General", 3L),
                Map.entry("action#blocklist", 3L), Map.entry("action#reactivate", 1L),
                Map.entry("day#2026-11-21", 3L), Map.entry("day#2026-11-22", 1L),
                Map.entry("type_day#hard#2026-11-21", 2L), Map.entry("type_day#soft#2026-11-21", 1L),
                Map.entry("type_day#hard#2026-11-22", 1L),
                Map.entry("action_day#blocklist#2026-11-21", 2L), Map.entry("action_day#blocklist#2026-11-22", 1L),
                Map.entry("action_day#reactivate#2026-11-22", 1L)), read);
    }

    @Test
    void aDayWithActionsOnlyHasNoDayTotal() {
        assertEquals(Map.of("action#delete", 1L, "action_day#delete#2026-11-21", 1L),
                StatsCounters.read(Map.of(DAY, Map.of("action#delete", 1L))));
    }

    private static Bounce bounce(String campaign, String reason) {
        return new Bounce("01JDAAAAAAAAAAAAAAAAAAAAAA", "0b7d1c55-2d0c-4f8e-8a55-3f1e9b6c2a10", "a@example.com", campaign,
                BounceType.SOFT, "ses", "{}", AT, "k", null, false, reason, null, null);
    }
}
