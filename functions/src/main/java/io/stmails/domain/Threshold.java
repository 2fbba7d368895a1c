package io.stmails.domain;

/** listmonk's per-type {@code {count, action}}: act on the bounce whose running count reaches {@code count}. */
public record Threshold(int count, ThresholdAction action) {
    public Threshold {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
    }
}
