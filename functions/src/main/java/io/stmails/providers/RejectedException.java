package io.stmails.providers;

import io.stmails.metrics.BounceMetrics.Rejection;
import java.util.Optional;

/** The request is not authentic (bad or missing signature, wrong credentials, stale timestamp). */
public final class RejectedException extends RuntimeException {
    private final Rejection reason;
    private final String challenge;

    /** A signature (or the header carrying it) that does not prove the request is the provider's. */
    public RejectedException(String message) {
        this(Rejection.BAD_SIGNATURE, message);
    }

    public RejectedException(Rejection reason, String message) {
        this(reason, message, null);
    }

    /** @param challenge the {@code WWW-Authenticate} value to send back, or null */
    public RejectedException(Rejection reason, String message, String challenge) {
        super(message, null, false, false);
        this.reason = reason;
        this.challenge = challenge;
    }

    public Rejection reason() {
        return reason;
    }

    public Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }
}
