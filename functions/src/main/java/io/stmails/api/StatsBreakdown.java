package io.stmails.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import java.util.Comparator;
import java.util.Map;

/**
 * The statistics' finer counters read back: each day's count by type, and the most frequent reasons
 * of each type (ties by name, so the answer is stable).
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
}
