package io.stmails.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.EvidenceDocument;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Instants;
import io.stmails.domain.InvalidFieldException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the recorder's {@link BounceEvent} from one provider event, the same way for every provider:
 * source = provider name, dedupe key prefixed with it, meta and evidence = that event's JSON (bounded in
 * size), reason = what the provider called the event.
 */
public final class EventBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(EventBuilder.class);

    private final String provider;
    private final BounceType type;
    private String recipient;
    private Origin origin = Origin.NONE;
    private Instant occurredAt;
    private String metaJson;
    private String evidence;
    private String reason;
    private String dedupeKey;
    private String messageId;

    private EventBuilder(String provider, BounceType type) {
        this.provider = provider;
        this.type = type;
    }

    public static EventBuilder bounce(String provider, BounceType type) {
        return new EventBuilder(provider, type);
    }

    /** Trimmed and lower-cased as listmonk does; the recorder applies the full address rule. */
    public EventBuilder recipient(String raw) {
        this.recipient = raw == null ? null : raw.trim().toLowerCase(Locale.ROOT);
        return this;
    }

    public EventBuilder origin(Origin origin) {
        this.origin = origin;
        return this;
    }

    /** A time outside the years 0001–9999 is treated as no time at all (the recorder uses now). */
    public EventBuilder occurredAt(Instant occurredAt) {
        if (occurredAt != null && !Instants.isInRange(occurredAt)) {
            LOG.debug("{}: event time {} is outside the years 0001 to 9999; using the time of receipt", provider, occurredAt);
            this.occurredAt = null;
        } else {
            this.occurredAt = occurredAt;
        }
        return this;
    }

    /** An RFC 3339 time; anything unparseable (or outside 0001–9999) leaves the time to the recorder (now), as listmonk does. */
    public EventBuilder occurredAt(String rfc3339) {
        if (rfc3339 != null && !rfc3339.isBlank()) {
            try {
                this.occurredAt = Instants.parseRfc3339(rfc3339);
            } catch (DateTimeException e) {
                LOG.debug("{}: event time '{}' is not RFC 3339; using the time of receipt", provider, rfc3339);
            }
        }
        return this;
    }

    /** Unix seconds as a number or a numeric string, fractions allowed; anything else leaves the time to the recorder. */
    public EventBuilder occurredAtUnixSeconds(JsonNode seconds) {
        if (seconds != null && (seconds.isNumber() || seconds.isTextual())) {
            try {
                BigDecimal value = new BigDecimal(seconds.asText().trim());
                BigDecimal whole = value.setScale(0, RoundingMode.FLOOR);
                this.occurredAt = Instants.ofEpochSecond(whole.longValueExact(), value.subtract(whole).movePointRight(9).intValue());
            } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
                LOG.debug("{}: event time '{}' is not Unix seconds; using the time of receipt", provider, seconds);
            }
        }
        return this;
    }

    /**
     * The provider's event as meta and as evidence (bounded by {@link EvidenceDocument}). The caller did not choose
     * the event: one beyond the {@link InputLimits} on meta is replaced by a note saying why, rather than
     * failing every bounce of the request.
     */
    public EventBuilder meta(JsonNode event) {
        this.evidence = EvidenceDocument.builder().json("event", event).toJson();
        try {
            this.metaJson = InputLimits.requireMeta(event.toString());
        } catch (InvalidFieldException e) {
            this.metaJson = JsonNodeFactory.instance.objectNode().put("omitted", "the provider event: " + e.getMessage())
                    .toString();
        }
        return this;
    }

    /** What the provider said the event was (event type, subtype, class...): the non-blank parts joined by '/', a repeated one once. */
    public EventBuilder reason(String... parts) {
        StringJoiner joined = new StringJoiner("/");
        String previous = null;
        for (String part : parts) {
            if (part != null && !part.isBlank() && !part.trim().equals(previous)) {
                previous = part.trim();
                joined.add(previous);
            }
        }
        this.reason = joined.length() == 0 ? null : joined.toString();
        return this;
    }

    /** The provider's id of the bounced message, for the logs. */
    public EventBuilder messageId(String id) {
        this.messageId = id;
        return this;
    }

    /** Parts that are identical on every redelivery of the event and differ between events. */
    public EventBuilder dedupeKey(Object... parts) {
        StringJoiner key = new StringJoiner("|", provider + ":", "");
        for (Object part : parts) {
            key.add(part == null ? "" : part.toString());
        }
        this.dedupeKey = key.toString();
        return this;
    }

    /** The event, or empty (logged) when the provider named no recipient, so one odd event never blocks a batch. */
    public Optional<BounceEvent> build() {
        if (recipient == null || recipient.isEmpty()) {
            LOG.warn("{}: skipped a {} event without a recipient ({})", provider, type.wire(), dedupeKey);
            return Optional.empty();
        }
        if (dedupeKey == null) {
            throw new IllegalStateException("a provider must set the dedupe key");
        }
        return Optional.of(new BounceEvent(recipient, origin.subscriberUuid(), origin.campaignUuid(), type, provider,
                occurredAt, metaJson, dedupeKey).classified(reason, evidence).withMessageId(messageId));
    }
}
