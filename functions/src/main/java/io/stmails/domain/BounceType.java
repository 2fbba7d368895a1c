package io.stmails.domain;

import java.util.Optional;

/** The three kinds of bounce listmonk knows; each has its own counter and threshold. */
public enum BounceType {
    HARD("hard"),
    SOFT("soft"),
    COMPLAINT("complaint");

    private final String wire;

    BounceType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Exact, case-sensitive match, as listmonk validates {@code type}. */
    public static Optional<BounceType> fromWire(String value) {
        for (BounceType type : values()) {
            if (type.wire.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
