package io.stmails.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.Threshold;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.UnknownSubscriberPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The top level of the settings document as written (listmonk's bounce settings and the sections owned
 * by other readers); every field optional. Binds to {@link BounceSettings}.
 */
record BounceSection(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("webhooks_enabled") Boolean webhooksEnabled,
        @JsonProperty("actions") Map<String, ThresholdSection> actions,
        @JsonProperty("unknown_subscriber") String unknownSubscriber,
        @JsonProperty("blocklist_unsubscribes_lists") Boolean blocklistUnsubscribesLists,
        @JsonProperty("count_window_days") Long countWindowDays,
        @JsonProperty("domain_blocklist") List<String> domainBlocklist,
        @JsonProperty("ses") JsonNode ses,
        @JsonProperty("providers") JsonNode providers,
        @JsonProperty("mailboxes") JsonNode mailboxes) {
    static final long MAX_DAYS = 3650;

    BounceSection {
        actions = actions == null ? Map.of() : new LinkedHashMap<>(actions);
        for (String type : actions.keySet()) {
            if (BounceType.fromWire(type).isEmpty()) {
                throw new FieldProblem("actions." + type, ": unknown bounce type (use soft, hard or complaint)");
            }
        }
        if (unknownSubscriber != null && UnknownSubscriberPolicy.fromWire(unknownSubscriber).isEmpty()) {
            throw new FieldProblem("unknown_subscriber", ": '" + unknownSubscriber + "' is not one of create, ignore");
        }
        FieldProblem.within(countWindowDays, 0, 0, MAX_DAYS, "count_window_days");
        for (String domain : domainBlocklist == null ? List.<String>of() : domainBlocklist) {
            if (domain == null || domain.isBlank()) {
                throw new FieldProblem("domain_blocklist", " must hold non-empty strings");
            }
        }
    }

    BounceSettings settings() {
        BounceSettings defaults = BounceSettings.defaults();
        Map<BounceType, Threshold> thresholds = new EnumMap<>(BounceSettings.defaultThresholds());
        actions.forEach((type, section) -> {
            BounceType bounceType = BounceType.fromWire(type).orElseThrow();
            thresholds.put(bounceType, section.threshold(thresholds.get(bounceType)));
        });
        Set<String> domains = new LinkedHashSet<>();
        if (domainBlocklist != null) {
            domainBlocklist.forEach(domain -> domains.add(domain.trim().toLowerCase(Locale.ROOT)));
        }
        long windowDays = FieldProblem.within(countWindowDays, 0, 0, MAX_DAYS, "count_window_days");
        return new BounceSettings(
                FieldProblem.or(enabled, defaults.enabled()),
                FieldProblem.or(webhooksEnabled, defaults.webhooksEnabled()),
                thresholds,
                unknownSubscriber == null ? defaults.unknownSubscriber()
                        : UnknownSubscriberPolicy.fromWire(unknownSubscriber).orElseThrow(),
                FieldProblem.or(blocklistUnsubscribesLists, defaults.blocklistUnsubscribesLists()),
                windowDays == 0 ? null : Duration.ofDays(windowDays),
                domains);
    }

    /** One entry of {@code actions}; what it leaves out keeps the type's default. */
    record ThresholdSection(
            @JsonProperty("count") Long count,
            @JsonProperty("action") String action,
            @JsonProperty("count_window_days") Long countWindowDays,
            @JsonProperty("reset_after_days") Long resetAfterDays,
            @JsonProperty("retention_days") Long retentionDays) {
        ThresholdSection {
            FieldProblem.within(count, 1, 1, 1000, "count");
            if (action != null && ThresholdAction.fromWire(action).isEmpty()) {
                throw new FieldProblem("action", ": '" + action + "' is not one of none, unsubscribe, blocklist, delete");
            }
            FieldProblem.within(countWindowDays, 0, 0, MAX_DAYS, "count_window_days");
            FieldProblem.within(resetAfterDays, 1, 1, MAX_DAYS, "reset_after_days");
            FieldProblem.within(retentionDays, 1, 1, MAX_DAYS, "retention_days");
        }

        Threshold threshold(Threshold current) {
            return new Threshold(count == null ? current.count() : count.intValue(),
                    action == null ? current.action() : ThresholdAction.fromWire(action).orElseThrow(),
                    days(countWindowDays), days(resetAfterDays), days(retentionDays));
        }

        private static Duration days(Long days) {
            return days == null ? null : Duration.ofDays(days);
        }
    }
}
