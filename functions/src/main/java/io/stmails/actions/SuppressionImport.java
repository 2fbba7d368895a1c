package io.stmails.actions;

import io.stmails.address.Emails;
import io.stmails.domain.BounceIds;
import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.store.ActionRecord;
import io.stmails.store.EmailTakenException;
import io.stmails.store.SubscriberStore;
import io.stmails.suppression.SuppressedAddress;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionPage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads the account's suppression list page by page and records every address as a blocklisted
 * subscriber, with the list's reason and date in an action record ({@code import-…}, source
 * {@code ses-suppression-list}): a new address becomes a new blocklisted subscriber, an enabled one
 * is blocklisted (lists unsubscribed as the settings say, and kept for a reactivation), a blocklisted
 * one is left alone. Nothing is put back on the list. Stops at a deadline with the token to resume at.
 */
public final class SuppressionImport {
    public static final String SOURCE = "ses-suppression-list";
    static final int PAGE_SIZE = 100;

    /**
     * @param nextToken where the next run resumes; null when done
     */
    public record Progress(int read, int created, int blocklisted, int unchanged, int invalid, String nextToken) {
        public boolean done() {
            return nextToken == null;
        }
    }

    private final SuppressionList list;
    private final SubscriberStore subscribers;
    private final boolean blocklistUnsubscribesLists;
    private final Supplier<Instant> clock;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public SuppressionImport(SuppressionList list, SubscriberStore subscribers, boolean blocklistUnsubscribesLists,
            Supplier<Instant> clock) {
        this.list = list;
        this.subscribers = subscribers;
        this.blocklistUnsubscribesLists = blocklistUnsubscribesLists;
        this.clock = clock;
    }

    /**
     * @param nextToken null to start from the beginning
     * @throws io.stmails.suppression.InvalidNextTokenException for a token the list did not hand out
     */
    public Progress run(String nextToken, Instant deadline) {
        int read = 0;
        int created = 0;
        int blocklisted = 0;
        int unchanged = 0;
        int invalid = 0;
        String token = nextToken;
        do {
            SuppressionPage page = list.list(token, PAGE_SIZE);
            for (SuppressedAddress address : page.addresses()) {
                read++;
                Optional<String> email = Emails.normalise(address.email());
                if (email.isEmpty()) {
                    invalid++;
                    continue;
                }
                switch (record(email.get(), address)) {
                    case CREATED -> created++;
                    case BLOCKLISTED -> blocklisted++;
                    case UNCHANGED -> unchanged++;
                }
            }
            token = page.nextToken();
        } while (token != null && clock.get().isBefore(deadline));
        return new Progress(read, created, blocklisted, unchanged, invalid, token);
    }

    private enum Recorded { CREATED, BLOCKLISTED, UNCHANGED }

    /** @throws io.stmails.domain.ContentionException when the subscriber kept changing during the import */
    private Recorded record(String email, SuppressedAddress address) {
        return retry.run("import of " + email + " from the suppression list", () -> recordOnce(email, address));
    }

    /** @return empty when the subscriber was created or changed meanwhile */
    private Optional<Recorded> recordOnce(String email, SuppressedAddress address) {
        Instant now = clock.get();
        Instant listedAt = address.lastUpdated() == null ? now : address.lastUpdated();
        Optional<Subscriber> existing = subscribers.findByEmail(email);
        if (existing.isEmpty()) {
            Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, Emails.localPartOf(email),
                    SubscriberStatus.BLOCKLISTED, Map.of(), now, now, 1);
            try {
                subscribers.create(subscriber, action(subscriber, address, listedAt, now));
                return Optional.of(Recorded.CREATED);
            } catch (EmailTakenException raced) {
                return Optional.empty();
            }
        }
        Subscriber current = existing.get();
        if (current.status() == SubscriberStatus.BLOCKLISTED) {
            return Optional.of(Recorded.UNCHANGED);
        }
        Subscriber after = current.withStatus(SubscriberStatus.BLOCKLISTED, now);
        if (blocklistUnsubscribesLists) {
            after = after.withAllListsUnsubscribed(now);
        }
        ThresholdDecision decision = new ThresholdDecision(ThresholdAction.BLOCKLIST, ThresholdDecision.Effect.UPDATE,
                after, 0, 0);
        boolean applied = subscribers.applyAction(current, decision, action(current, address, listedAt, now))
                == SubscriberStore.ApplyResult.APPLIED;
        return applied ? Optional.of(Recorded.BLOCKLISTED) : Optional.empty();
    }

    private static ActionRecord action(Subscriber before, SuppressedAddress address, Instant listedAt, Instant now) {
        return new ActionRecord("import-" + BounceIds.next(now), before.uuid(), before.email(), ThresholdAction.BLOCKLIST,
                address.reason().bounceType(), 0, 0, null, SOURCE, listedAt, true, before.status(), before.lists(),
                false, null);
    }
}
