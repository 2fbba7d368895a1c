package io.stmails.domain;

import java.util.Optional;

/** What happens to a subscriber once its bounces of one type reach the configured count. */
public enum ThresholdAction {
    NONE("none"),
    UNSUBSCRIBE("unsubscribe"),
    BLOCKLIST("blocklist"),
    DELETE("delete");

    private final String wire;

    ThresholdAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ThresholdAction> fromWire(String value) {
        for (ThresholdAction action : values()) {
            if (action.wire.equals(value)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
