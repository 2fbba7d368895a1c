package io.stmails.domain;

import java.util.Optional;

public enum SubscriberStatus {
    ENABLED("enabled"),
    DISABLED("disabled"),
    BLOCKLISTED("blocklisted");

    private final String wire;

    SubscriberStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<SubscriberStatus> fromWire(String value) {
        for (SubscriberStatus status : values()) {
            if (status.wire.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
