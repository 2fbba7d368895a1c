package io.stmails.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscriber. {@code lists} maps list id to subscription status, in insertion order.
 * {@code version} increases with every stored change; writes are conditional on it.
 */
public record Subscriber(
        String uuid,
        String email,
        String name,
        SubscriberStatus status,
        Map<String, SubscriptionStatus> lists,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Subscriber {
        lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    }

    public Subscriber withStatus(SubscriberStatus newStatus, Instant now) {
        return new Subscriber(uuid, email, name, newStatus, lists, createdAt, now, version);
    }

    /** Every list subscription set to unsubscribed. */
    public Subscriber withAllListsUnsubscribed(Instant now) {
        Map<String, SubscriptionStatus> unsubscribed = new LinkedHashMap<>();
        lists.keySet().forEach(list -> unsubscribed.put(list, SubscriptionStatus.UNSUBSCRIBED));
        return new Subscriber(uuid, email, name, status, unsubscribed, createdAt, now, version);
    }

    public boolean hasActiveSubscription() {
        return lists.values().stream().anyMatch(s -> s != SubscriptionStatus.UNSUBSCRIBED);
    }
}
