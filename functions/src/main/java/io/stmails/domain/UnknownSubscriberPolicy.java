package io.stmails.domain;

import java.util.Optional;

/** What the recorder does with a bounce for an address it has never seen. */
public enum UnknownSubscriberPolicy {
    /** Create an enabled subscriber with that address, so its bounces count and actions apply. */
    CREATE("create"),
    /** Record nothing and say "not found" (listmonk's behaviour). */
    IGNORE("ignore");

    private final String wire;

    UnknownSubscriberPolicy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<UnknownSubscriberPolicy> fromWire(String value) {
        for (UnknownSubscriberPolicy policy : values()) {
            if (policy.wire.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
