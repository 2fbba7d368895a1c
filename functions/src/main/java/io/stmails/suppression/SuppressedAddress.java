package io.stmails.suppression;

import java.time.Instant;

/** One entry of the suppression list: the address, why, and when it was last put there. */
public record SuppressedAddress(String email, SuppressionReason reason, Instant lastUpdated) {
}
