package io.stmails.domain;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters one bounce contributes to, and how the stored counters read back. A counter is one
 * attribute of the item of its scope and UTC day: for every bounce the overall scope ({@code all}), and
 * for a bounce with a campaign also that campaign's scope, each counting {@code total},
 * {@code type#<type>}, {@code source#<source>} and, for a bounce with a reason, {@code reason#<type>#<reason>}
 * on the bounce's UTC day. Removing a bounce takes the same counters of the same day down.
 *
 * <p>What is stored is per day only; the all-time counts and the per-day views the readers know
 * ({@code day#<date>}, {@code type_day#<type>#<date>}, {@code action_day#<action>#<date>}) are made when the
 * counters are read ({@link #read}).
 */
public final class StatsCounters {
    public static final String ALL = "all";
    public static final String TOTAL = "total";
    public static final String TYPE = "type#";
    public static final String SOURCE = "source#";
    public static final String REASON = "reason#";
    /** Read views, one per day: a day's {@code total}, and its count of a type. */
    public static final String DAY = "day#";
    public static final String TYPE_DAY = "type_day#";

    private StatsCounters() {
    }

    /** The item a counter is an attribute of: one per scope and UTC day. */
    public record ScopeDay(String scope, LocalDate day) {
    }

    /** One counter: attribute {@code name} of the item of {@code scope} and {@code day}. */
    public record Counter(String scope, LocalDate day, String name) {
        public ScopeDay item() {
            return new ScopeDay(scope, day);
        }
    }

    public static String campaignScope(String campaignUuid) {
        return "campaign#" + campaignUuid;
    }

    public static List<Counter> of(Bounce bounce) {
        LocalDate day = bounce.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
        List<Counter> counters = new ArrayList<>(8);
        addNames(counters, ALL, day, bounce);
        if (bounce.campaignUuid() != null && !bounce.campaignUuid().isEmpty()) {
            addNames(counters, campaignScope(bounce.campaignUuid()), day, bounce);
        }
        return counters;
    }

    private static void addNames(List<Counter> counters, String scope, LocalDate day, Bounce bounce) {
        counters.add(new Counter(scope, day, TOTAL));
        counters.add(new Counter(scope, day, TYPE + bounce.type().wire()));
        counters.add(new Counter(scope, day, SOURCE + (bounce.source() == null ? "" : bounce.source())));
        if (bounce.reason() != null) {
            counters.add(new Counter(scope, day, REASON + bounce.type().wire() + "#" + bounce.reason()));
        }
    }

    /** How many items the counters are attributes of: what a transaction that adds to them holds. */
    public static int items(Collection<Counter> counters) {
        return (int) counters.stream().map(Counter::item).distinct().count();
    }

    /**
     * A scope's counters as its readers know them, from its day items (each day's counters by name):
     * every counter's all-time sum under its own name ({@code total}, {@code type#hard}, {@code action#blocklist},
     * ...), and per day {@code day#<date>} (the day's total), {@code type_day#<type>#<date>} and
     * {@code action_day#<action>#<date>}.
     */
    public static Map<String, Long> read(Map<LocalDate, Map<String, Long>> days) {
        Map<String, Long> counters = new HashMap<>();
        days.forEach((day, named) -> named.forEach((name, count) -> {
            counters.merge(name, count, Long::sum);
            if (name.equals(TOTAL)) {
                counters.put(DAY + day, count);
            } else if (name.startsWith(TYPE)) {
                counters.put(TYPE_DAY + name.substring(TYPE.length()) + "#" + day, count);
            } else if (name.startsWith(ActionCounters.ACTION)) {
                counters.put(ActionCounters.ACTION_DAY + name.substring(ActionCounters.ACTION.length()) + "#" + day, count);
            }
        }));
        return counters;
    }
}
