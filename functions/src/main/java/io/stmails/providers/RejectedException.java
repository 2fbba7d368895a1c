package io.stmails.providers;

import java.util.Optional;

/** The request is not authentic (bad or missing signature, wrong credentials, stale timestamp). */
public final class RejectedException extends RuntimeException {
    private final String challenge;

    public RejectedException(String message) {
        this(message, null);
    }

    /** @param challenge the {@code WWW-Authenticate} value to send back, or null */
    public RejectedException(String message, String challenge) {
        super(message, null, false, false);
        this.challenge = challenge;
    }

    public Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }
}
