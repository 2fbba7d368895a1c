package io.stmails.suppression;

import io.stmails.domain.BounceType;
import java.util.Optional;

/** Why an address is on the account's suppression list: SES knows exactly these two reasons. */
public enum SuppressionReason {
    BOUNCE,
    COMPLAINT;

    /** A complaint suppresses as a complaint; a hard or soft bounce that led to an action, as a bounce. */
    public static SuppressionReason of(BounceType type) {
        return type == BounceType.COMPLAINT ? COMPLAINT : BOUNCE;
    }

    /** The bounce type an imported entry is recorded as. */
    public BounceType bounceType() {
        return this == COMPLAINT ? BounceType.COMPLAINT : BounceType.HARD;
    }

    public static Optional<SuppressionReason> fromWire(String value) {
        for (SuppressionReason reason : values()) {
            if (reason.name().equals(value)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
