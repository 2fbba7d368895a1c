package io.stmails.domain;

import io.stmails.domain.StatsCounters.Counter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counter one applied action adds to, in the overall scope: its UTC day's
 * ({@code action_day#<action>#<yyyy-mm-dd>}). It is written in the transaction that writes the action's
 * record, so an action counts exactly once; the all-time count ({@code action#<action>}) is the sum of
 * the days, made when the counters are read ({@link #withTotals}), which saves the transaction an item
 * (2 write units per action).
 */
public final class ActionCounters {
    public static final String ACTION = "action#";
    public static final String ACTION_DAY = "action_day#";
    public static final String REACTIVATE = "reactivate";

    /** Every action counted, in the order the statistics list them. */
    public static final List<String> ACTIONS = List.of(ThresholdAction.BLOCKLIST.wire(),
            ThresholdAction.UNSUBSCRIBE.wire(), ThresholdAction.DELETE.wire(), REACTIVATE);

    private ActionCounters() {
    }

    /** Nothing for {@link ThresholdAction#NONE}, which changes nobody. */
    public static List<Counter> of(ThresholdAction action, Instant appliedAt) {
        return action == ThresholdAction.NONE ? List.of() : of(action.wire(), appliedAt);
    }

    public static List<Counter> ofReactivation(Instant reactivatedAt) {
        return of(REACTIVATE, reactivatedAt);
    }

    private static List<Counter> of(String action, Instant at) {
        String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
        return List.of(new Counter(StatsCounters.ALL, ACTION_DAY + action + "#" + day));
    }

    /** The counters of a scope as read, with each action's all-time count added: the sum of its days. */
    public static Map<String, Long> withTotals(Map<String, Long> counters) {
        Map<String, Long> all = new HashMap<>(counters);
        counters.forEach((dimension, count) -> {
            if (dimension.startsWith(ACTION_DAY)) {
                String rest = dimension.substring(ACTION_DAY.length());
                all.merge(ACTION + rest.substring(0, rest.lastIndexOf('#')), count, Long::sum);
            }
        });
        return all;
    }
}
