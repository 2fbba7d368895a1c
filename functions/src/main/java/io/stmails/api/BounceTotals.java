package io.stmails.api;

import io.stmails.domain.StatsCounters;
import io.stmails.store.BounceQuery;
import io.stmails.store.BounceStore;
import io.stmails.store.StatsStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code total} without scanning: the counters kept from the stream answer no filter, one of
 * campaign / source / type, campaign with source or type, and whole-day ranges; other
 * combinations are counted on the index they are listed from.
 */
final class BounceTotals {
    private final BounceStore bounces;
    private final StatsStore stats;

    BounceTotals(BounceStore bounces, StatsStore stats) {
        this.bounces = bounces;
        this.stats = stats;
    }

    long of(BounceQuery query) {
        boolean sourceAndType = query.source() != null && query.type() != null;
        if (query.email() != null || sourceAndType || !isWholeDays(query.from()) || !isWholeDays(query.to())) {
            return bounces.count(query);
        }
        Map<String, Long> counters = stats.read(query.campaignUuid() == null
                ? StatsCounters.ALL : StatsCounters.campaignScope(query.campaignUuid()));
        if (query.from() != null || query.to() != null) {
            if (query.source() != null || query.type() != null) {
                return bounces.count(query);
            }
            return days(counters, query.from(), query.to()).values().stream().mapToLong(Long::longValue).sum();
        }
        String dimension = query.source() != null ? "source#" + query.source()
                : query.type() != null ? "type#" + query.type().wire() : StatsCounters.TOTAL;
        return counters.getOrDefault(dimension, 0L);
    }

    /** The non-zero day counters from {@code from} to {@code to} (null: unbounded), by ISO date. */
    static Map<String, Long> days(Map<String, Long> counters, Instant from, Instant to) {
        Map<String, Long> days = new TreeMap<>();
        counters.forEach((dimension, count) -> {
            if (dimension.startsWith("day#") && count != 0) {
                LocalDate day = LocalDate.parse(dimension.substring(4));
                if (StatsBreakdown.inRange(day, from, to)) {
                    days.put(day.toString(), count);
                }
            }
        });
        return days;
    }

    private static boolean isWholeDays(Instant time) {
        return time == null || time.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 && time.getNano() == 0;
    }
}
