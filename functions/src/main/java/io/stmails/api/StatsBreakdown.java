package io.stmails.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.ActionCounters;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics' finer counters read back: each day's count by type, the most frequent reasons of
 * each type (ties by name, so the answer is stable), and the actions applied.
 */
final class StatsBreakdown {
    static final int TOP_REASONS = 10;

    private StatsBreakdown() {
    }

    /** Adds {@code hard}, {@code soft} and {@code complaint} to one {@code by_day} entry. */
    static void addTypes(ObjectNode dayEntry, Map<String, Long> counters, String day) {
        for (BounceType type : BounceType.values()) {
            dayEntry.put(type.wire(), counters.getOrDefault(StatsCounters.TYPE_DAY + type.wire() + "#" + day, 0L));
        }
    }

    /** {@code {"hard": [{"reason": …, "count": …}, …], "soft": […], "complaint": […]}}, most frequent first. */
    static void addTopReasons(ObjectNode into, Map<String, Long> counters) {
        ObjectNode byType = into.putObject("top_reasons");
        for (BounceType type : BounceType.values()) {
            String prefix = StatsCounters.REASON + type.wire() + "#";
            ArrayNode reasons = byType.putArray(type.wire());
            counters.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix) && e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_REASONS)
                    .forEach(e -> reasons.addObject()
                            .put("reason", e.getKey().substring(prefix.length()))
                            .put("count", e.getValue()));
        }
    }

    /**
     * {@code {"blocklist": {"total": …, "by_day": [{"date": …, "count": …}, …]}, "unsubscribe": …, "delete": …,
     * "reactivate": …}}: all-time totals, and the UTC days in the range that had any, oldest first.
     */
    static void addActions(ObjectNode into, Map<String, Long> counters, Instant from, Instant to) {
        ObjectNode actions = into.putObject("actions");
        for (String action : ActionCounters.ACTIONS) {
            ObjectNode entry = actions.putObject(action);
            entry.put("total", counters.getOrDefault(ActionCounters.ACTION + action, 0L));
            ArrayNode byDay = entry.putArray("by_day");
            String prefix = ActionCounters.ACTION_DAY + action + "#";
            new TreeMap<>(counters).forEach((dimension, count) -> {
                if (dimension.startsWith(prefix) && count != 0) {
                    LocalDate day = LocalDate.parse(dimension.substring(prefix.length()));
                    if (inRange(day, from, to)) {
                        byDay.addObject().put("date", day.toString()).put("count", count);
                    }
                }
            });
        }
    }

    /** Whether a UTC day starts within [from, to); an open end when null. */
    static boolean inRange(LocalDate day, Instant from, Instant to) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return (from == null || !start.isBefore(from)) && (to == null || start.isBefore(to));
    }
}
