package io.stmails.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-time tokens of signed requests this runtime has already acknowledged, kept while their signed
 * timestamp is inside the replay window (after that the window check refuses them anyway). Bounded: past
 * {@code capacity} the oldest are forgotten. It is per runtime, so it narrows replays but cannot stop one
 * reaching another Lambda instance; what stops a replay from counting twice is the recorder's dedupe key.
 */
public final class SeenTokens {
    private final int capacity;
    private final Duration window;
    private final Map<String, Instant> expiries = new LinkedHashMap<>();

    public SeenTokens(int capacity, Duration window) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.window = window;
    }

    public synchronized boolean contains(String token, Instant now) {
        Instant expiry = expiries.get(token);
        return expiry != null && expiry.isAfter(now);
    }

    public synchronized void add(String token, Instant signedAt, Instant now) {
        if (expiries.size() >= capacity) {
            expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        if (expiries.size() >= capacity && !expiries.containsKey(token)) {
            expiries.remove(expiries.keySet().iterator().next());
        }
        expiries.put(token, signedAt.plus(window));
    }

    synchronized int size() {
        return expiries.size();
    }
}
