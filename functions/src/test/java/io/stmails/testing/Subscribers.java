package io.stmails.testing;

import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Test subscribers, stored. */
public final class Subscribers {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private Subscribers() {
    }

    /** An enabled subscriber with a new UUID, confirmed on list 1. */
    public static Subscriber createEnabled(SubscriberStore store, String email) {
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, "name", SubscriberStatus.ENABLED,
                Map.of("1", SubscriptionStatus.CONFIRMED), CREATED, CREATED, 1);
        store.create(subscriber);
        return subscriber;
    }
}
