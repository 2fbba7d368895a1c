package io.stmails.domain;

import java.util.Optional;

/** Status of one subscriber on one list. */
public enum SubscriptionStatus {
    UNCONFIRMED("unconfirmed"),
    CONFIRMED("confirmed"),
    UNSUBSCRIBED("unsubscribed");

    private final String wire;

    SubscriptionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<SubscriptionStatus> fromWire(String value) {
        for (SubscriptionStatus status : values()) {
            if (status.wire.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
