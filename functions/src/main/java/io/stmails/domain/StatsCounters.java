package io.stmails.domain;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters one bounce contributes to: for every bounce the overall scope ({@code all}), and
 * for a bounce with a campaign also that campaign's scope, each by total, type, source and UTC day,
 * and by type and day and by type and reason. A bounce recorded before reasons were kept (no
 * reason) contributes only the first four, on insert and on removal alike, so removing it never
 * takes a counter below what was added.
 */
public final class StatsCounters {
    public static final String ALL = "all";
    public static final String TOTAL = "total";

    private StatsCounters() {
    }

    public record Counter(String scope, String dimension) {
    }

    public static final String TYPE_DAY = "type_day#";
    public static final String REASON = "reason#";

    public static String campaignScope(String campaignUuid) {
        return "campaign#" + campaignUuid;
    }

    public static List<Counter> of(Bounce bounce) {
        List<Counter> counters = new ArrayList<>(8);
        addDimensions(counters, ALL, bounce);
        if (bounce.campaignUuid() != null && !bounce.campaignUuid().isEmpty()) {
            addDimensions(counters, campaignScope(bounce.campaignUuid()), bounce);
        }
        return counters;
    }

    private static void addDimensions(List<Counter> counters, String scope, Bounce bounce) {
        counters.add(new Counter(scope, TOTAL));
        counters.add(new Counter(scope, "type#" + bounce.type().wire()));
        counters.add(new Counter(scope, "source#" + (bounce.source() == null ? "" : bounce.source())));
        String day = bounce.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        counters.add(new Counter(scope, "day#" + day));
        if (bounce.reason() != null) {
            counters.add(new Counter(scope, TYPE_DAY + bounce.type().wire() + "#" + day));
            counters.add(new Counter(scope, REASON + bounce.type().wire() + "#" + bounce.reason()));
        }
    }
}
