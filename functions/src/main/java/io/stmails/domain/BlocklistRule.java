package io.stmails.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * listmonk's blocklist, whoever applies it (the threshold action, an operator through the API): the
 * subscriber becomes blocklisted and, when asked, every list she is on is unsubscribed.
 */
public final class BlocklistRule {
    private BlocklistRule() {
    }

    /** @return the subscriber after blocklisting, or empty when that would change nothing */
    public static Optional<Subscriber> apply(Subscriber subscriber, boolean unsubscribeLists, Instant now) {
        boolean unsubscribe = unsubscribeLists && subscriber.hasActiveSubscription();
        if (subscriber.status() == SubscriberStatus.BLOCKLISTED && !unsubscribe) {
            return Optional.empty();
        }
        Subscriber blocklisted = subscriber.withStatus(SubscriberStatus.BLOCKLISTED, now);
        return Optional.of(unsubscribe ? blocklisted.withAllListsUnsubscribed(now) : blocklisted);
    }
}
