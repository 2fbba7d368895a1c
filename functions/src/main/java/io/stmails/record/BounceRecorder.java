package io.stmails.record;

import io.stmails.address.Emails;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.EvidenceDocument;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.UnknownSubscriberPolicy;
import io.stmails.metrics.BounceMetrics;
import io.stmails.store.BounceStore;
import io.stmails.store.EmailTakenException;
import io.stmails.store.SubscriberStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one place every source records bounces through: resolves the subscriber (UUID first, then
 * e-mail, then the unknown-subscriber policy) and writes the bounce idempotently, with its reason,
 * its evidence and, when its type has a retention, the time it expires. Returns only after
 * the write is durable; storage failures propagate as {@link io.stmails.store.StorageException}.
 * Every bounce it is handed makes one log line (its channel, source, type, outcome, subscriber and
 * message id as keys) and one count in the metrics.
 */
public final class BounceRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(BounceRecorder.class);

    public enum Outcome {
        RECORDED,
        /** Same dedupe key as an earlier event: nothing new written. */
        DUPLICATE,
        /** Unknown subscriber under policy {@code ignore}, or no e-mail to create one from. */
        SUBSCRIBER_NOT_FOUND
    }

    public record Result(Outcome outcome, String bounceId, String subscriberUuid) {
    }

    /** The reason of a bounce whose source gave none (listmonk's webhook, the API). */
    public static final String UNSPECIFIED_REASON = "unspecified";

    private final SubscriberStore subscribers;
    private final BounceStore bounces;
    private final BounceSettings settings;
    private final Supplier<Instant> clock;
    private final BounceMetrics metrics;

    public BounceRecorder(SubscriberStore subscribers, BounceStore bounces, BounceSettings settings,
            Supplier<Instant> clock, BounceMetrics metrics) {
        this.subscribers = subscribers;
        this.bounces = bounces;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Result record(BounceEvent event) {
        Result result = write(event);
        BounceMetrics.Outcome outcome = switch (result.outcome()) {
            case RECORDED -> BounceMetrics.Outcome.RECORDED;
            case DUPLICATE -> BounceMetrics.Outcome.DUPLICATE;
            case SUBSCRIBER_NOT_FOUND -> BounceMetrics.Outcome.REFUSED;
        };
        metrics.bounce(event.channel(), event.type(), outcome);
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue("channel", event.channel())
                .addKeyValue("type", event.type().wire())
                .addKeyValue("outcome", outcome.name().toLowerCase(Locale.ROOT));
        line = withOptional(line, "source", event.source());
        line = withOptional(line, "subscriber_uuid", result.subscriberUuid());
        line = withOptional(line, "message_id", event.messageId());
        line = withOptional(line, "bounce_id", result.bounceId());
        line.log(switch (outcome) {
            case RECORDED -> "bounce recorded";
            case DUPLICATE -> "bounce already recorded";
            case REFUSED -> "bounce not recorded: no subscriber for it";
        });
        return result;
    }

    private static LoggingEventBuilder withOptional(LoggingEventBuilder line, String key, String value) {
        return value == null || value.isEmpty() ? line : line.addKeyValue(key, value);
    }

    private Result write(BounceEvent event) {
        Optional<Subscriber> subscriber = resolve(event);
        if (subscriber.isEmpty()) {
            return new Result(Outcome.SUBSCRIBER_NOT_FOUND, null, null);
        }
        Instant now = clock.get();
        Instant createdAt = event.occurredAt() == null ? now : event.occurredAt();
        Duration retention = settings.thresholdFor(event.type()).retention();
        String reason = EvidenceDocument.reason(event.reason());
        Bounce bounce = new Bounce(
                BounceIds.next(createdAt),
                subscriber.get().uuid(),
                subscriber.get().email(),
                event.campaignUuid(),
                event.type(),
                event.source() == null ? "" : event.source(),
                event.metaJson() == null ? "{}" : event.metaJson(),
                createdAt,
                event.dedupeKey(),
                null,
                event.suppressed(),
                reason == null ? UNSPECIFIED_REASON : reason,
                event.evidence(),
                // DynamoDB's TTL counts whole seconds.
                retention == null ? null : createdAt.plus(retention).truncatedTo(ChronoUnit.SECONDS));
        return switch (bounces.insert(bounce)) {
            case INSERTED -> new Result(Outcome.RECORDED, bounce.id(), bounce.subscriberUuid());
            case DUPLICATE -> new Result(Outcome.DUPLICATE, null, bounce.subscriberUuid());
        };
    }

    private Optional<Subscriber> resolve(BounceEvent event) {
        if (event.subscriberUuid() != null && !event.subscriberUuid().isBlank()) {
            Optional<Subscriber> byUuid = subscribers.findByUuid(event.subscriberUuid());
            if (byUuid.isPresent()) {
                return byUuid;
            }
        }
        Optional<String> email = Emails.normalise(event.email());
        if (email.isEmpty()) {
            return Optional.empty();
        }
        Optional<Subscriber> byEmail = subscribers.findByEmail(email.get());
        if (byEmail.isPresent() || settings.unknownSubscriber() == UnknownSubscriberPolicy.IGNORE) {
            return byEmail;
        }
        if (bounces.isRecorded(event.dedupeKey())) {
            // A redelivery for a subscriber deleted or erased since: recreating her would undo that.
            return Optional.empty();
        }
        return Optional.of(createFor(email.get()));
    }

    private Subscriber createFor(String email) {
        Instant now = clock.get();
        Subscriber created = new Subscriber(UUID.randomUUID().toString(), email, Emails.localPartOf(email),
                SubscriberStatus.ENABLED, Map.of(), now, now, 1);
        try {
            subscribers.create(created);
            return created;
        } catch (EmailTakenException raced) {
            return subscribers.findByEmail(email).orElseThrow(() -> raced);
        }
    }
}
