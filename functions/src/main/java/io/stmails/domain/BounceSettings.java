package io.stmails.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * listmonk's bounce settings plus what stmails adds.
 *
 * @param countWindow only bounces newer than this count towards a threshold; null counts all-time (listmonk)
 */
public record BounceSettings(
        boolean enabled,
        boolean webhooksEnabled,
        Map<BounceType, Threshold> thresholds,
        UnknownSubscriberPolicy unknownSubscriber,
        boolean blocklistUnsubscribesLists,
        Duration countWindow,
        Set<String> domainBlocklist) {

    public BounceSettings {
        thresholds = Map.copyOf(thresholds);
        for (BounceType type : BounceType.values()) {
            if (!thresholds.containsKey(type)) {
                throw new IllegalArgumentException("actions." + type.wire() + " is missing");
            }
        }
        domainBlocklist = Set.copyOf(domainBlocklist);
    }

    public static Map<BounceType, Threshold> defaultThresholds() {
        Map<BounceType, Threshold> defaults = new EnumMap<>(BounceType.class);
        defaults.put(BounceType.SOFT, new Threshold(2, ThresholdAction.NONE));
        defaults.put(BounceType.HARD, new Threshold(1, ThresholdAction.BLOCKLIST));
        defaults.put(BounceType.COMPLAINT, new Threshold(1, ThresholdAction.BLOCKLIST));
        return defaults;
    }

    public static BounceSettings defaults() {
        return new BounceSettings(true, true, defaultThresholds(), UnknownSubscriberPolicy.CREATE, true, null, Set.of());
    }

    public Threshold thresholdFor(BounceType type) {
        return thresholds.get(type);
    }
}
