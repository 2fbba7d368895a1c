package io.stmails.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stmails.config.FieldProblem;
import java.time.Duration;

/**
 * The options of a provider that signs a timestamp.
 *
 * @param replayWindowSeconds how far a signed timestamp may be from now; default 5 minutes
 */
public record ReplayWindowOptions(
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("replay_window_seconds") Long replayWindowSeconds) implements ProviderOptions {
    private static final long MAX_SECONDS = 86_400;

    public ReplayWindowOptions {
        if (replayWindowSeconds == null) {
            replayWindowSeconds = 300L;
        } else if (replayWindowSeconds < 1 || replayWindowSeconds > MAX_SECONDS) {
            throw new FieldProblem("replay_window_seconds", " must be a whole number of seconds from 1 to " + MAX_SECONDS);
        }
    }

    public Duration replayWindow() {
        return Duration.ofSeconds(replayWindowSeconds);
    }
}
