package io.stmails.domain;

import io.stmails.domain.StatsCounters.Counter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The counter one applied action adds to: {@code action#<action>} of the overall scope's item of its UTC
 * day. It is written in the transaction that writes the action's record (or, for a threshold action, with
 * the stream record of its bounce), so an action counts exactly once; the all-time count and the per-day
 * view ({@code action_day#<action>#<date>}) are made when the counters are read ({@link StatsCounters#read}).
 */
public final class ActionCounters {
    public static final String ACTION = "action#";
    /** The read view of one action's day. */
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
        return List.of(new Counter(StatsCounters.ALL, at.atZone(ZoneOffset.UTC).toLocalDate(), ACTION + action));
    }
}
