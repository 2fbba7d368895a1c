package io.stmails.ses;

import static io.stmails.ses.notification.SesNotification.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.EvidenceDocument;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Instants;
import io.stmails.domain.OriginHeaders;
import io.stmails.domain.Uuids;
import io.stmails.ses.notification.InvalidSesEventException;
import io.stmails.ses.notification.SesNotification;
import io.stmails.ses.notification.SesNotification.Recipient;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one SES event (identity notification with {@code notificationType}, or configuration-set
 * event with {@code eventType}; the same JSON whether SNS or EventBridge carried it) into one
 * {@link BounceEvent} per bounced or complained recipient. Recipients come from the bounce or
 * complaint, never from {@code mail.destination}, which lists every address the mail went to.
 */
public final class SesEventMapper {
    public static final String SOURCE = "ses";

    private static final List<String> CAMPAIGN_HEADERS = OriginHeaders.CAMPAIGN;
    private static final List<String> SUBSCRIBER_HEADERS = OriginHeaders.SUBSCRIBER;
    private static final Set<String> SUPPRESSION_SUBTYPES = Set.of("Suppressed", "OnAccountSuppressionList");

    /** What one SES event yields: the bounces to record, and why anything in it was not. */
    public record Mapping(List<BounceEvent> bounces, List<String> notRecorded) {
        public Mapping {
            bounces = List.copyOf(bounces);
            notRecorded = List.copyOf(notRecorded);
        }

        static Mapping ignored(String reason) {
            return new Mapping(List.of(), List.of(reason));
        }
    }

    private final String campaignTag;
    private final ObjectMapper json;

    /** @param campaignTag the SES message tag carrying the campaign UUID; null when none */
    public SesEventMapper(String campaignTag, ObjectMapper json) {
        this.campaignTag = campaignTag;
        this.json = json;
    }

    /**
     * @param envelopeTime when SNS or EventBridge says the event happened; used when the bounce or
     *                     complaint has no timestamp (may be null)
     * @throws InvalidSesEventException when the event cannot be read
     */
    public Mapping map(JsonNode event, Instant envelopeTime) {
        SesNotification notification = SesNotification.read(event);
        if (!notification.isBounceOrComplaint()) {
            return Mapping.ignored("SES " + notification.kind() + " event: nothing to record");
        }
        if (notification.markedNotSpam()) {
            return Mapping.ignored("complaint " + text(notification.report(), "feedbackId")
                    + " has feedback type not-spam (the recipient marked the mail as not spam): not a complaint");
        }
        JsonNode report = notification.report();
        boolean bounce = SesNotification.BOUNCE.equals(notification.kind());
        return perRecipient(notification, envelopeTime, (recipient, meta) -> {
            if (bounce) {
                putIfPresent(meta, "bounce_type", notification.bounceType());
                putIfPresent(meta, "bounce_subtype", notification.subType());
                putIfPresent(meta, "action", recipient.action());
                putIfPresent(meta, "status", recipient.status());
                putIfPresent(meta, "diagnostic_code", recipient.diagnosticCode());
                putIfPresent(meta, "reporting_mta", text(report, "reportingMTA"));
                putIfPresent(meta, "remote_mta_ip", text(report, "remoteMtaIp"));
            } else {
                putIfPresent(meta, "complaint_feedback_type", notification.feedbackType());
                putIfPresent(meta, "complaint_subtype", notification.subType());
                putIfPresent(meta, "user_agent", text(report, "userAgent"));
                putIfPresent(meta, "arrival_date", text(report, "arrivalDate"));
            }
            // SES left the address out of the send: it is on its global or the account's suppression list.
            if (notification.subType() != null && SUPPRESSION_SUBTYPES.contains(notification.subType())) {
                meta.put("suppressed", true);
            }
        });
    }

    /** Fills one recipient's meta with what the report says about her. */
    private interface MetaWriter {
        void write(Recipient recipient, ObjectNode meta);
    }

    private Mapping perRecipient(SesNotification notification, Instant envelopeTime, MetaWriter metaWriter) {
        String kind = notification.kind();
        JsonNode report = notification.report();
        JsonNode mail = notification.mail();
        String evidence = EvidenceDocument.builder().json(kind.toLowerCase(Locale.ROOT), report).toJson();
        Instant occurredAt = occurredAt(report, mail, envelopeTime);
        Linking linking = linking(mail);
        List<BounceEvent> events = new ArrayList<>();
        List<String> notRecorded = new ArrayList<>();
        for (Recipient recipient : notification.recipients()) {
            Optional<String> email = recipient.address();
            if (email.isEmpty()) {
                notRecorded.add(notification.recipientsField() + ": '" + recipient.emailAddress()
                        + "' is not an e-mail address");
                continue;
            }
            ObjectNode meta = meta(kind, report, mail);
            metaWriter.write(recipient, meta);
            events.add(event(email.get(), linking, notification.recipients().size(), notification.typeOf(recipient),
                    occurredAt, meta, dedupeKey(kind, report, mail, email.get()), notification.reason(), evidence));
        }
        return new Mapping(events, notRecorded);
    }

    private BounceEvent event(String email, Linking linking, int recipientCount, BounceType type, Instant occurredAt,
            ObjectNode meta, String dedupeKey, String reason, String evidence) {
        // The subscriber header names the one subscriber a message was sent to; with several recipients
        // it cannot say which of them bounced, so they are found by address.
        String subscriber = recipientCount == 1 && linking.singleDestination() ? linking.subscriberUuid() : null;
        // SES left an address already on the account's suppression list out of the send (and its bounce rate):
        // recorded, but counting it would act again on an address that is suppressed already.
        return new BounceEvent(email, subscriber, linking.campaignUuid(), type, SOURCE, occurredAt, meta.toString(),
                dedupeKey, meta.path("suppressed").asBoolean(false)).classified(reason, evidence)
                .withMessageId(meta.path("ses_message_id").asText(null));
    }

    private ObjectNode meta(String kind, JsonNode report, JsonNode mail) {
        ObjectNode meta = json.createObjectNode();
        meta.put("ses_event", kind);
        putIfPresent(meta, "ses_message_id", text(mail, "messageId"));
        putIfPresent(meta, "feedback_id", text(report, "feedbackId"));
        return meta;
    }

    /** {@code ses:<feedbackId>:<recipient>}: the same whichever path delivered the event, and on every redelivery. */
    private static String dedupeKey(String kind, JsonNode report, JsonNode mail, String email) {
        String feedbackId = InputLimits.requireId("feedbackId", text(report, "feedbackId"));
        if (feedbackId != null) {
            return "ses:" + feedbackId + ":" + email;
        }
        String messageId = InputLimits.requireId("mail.messageId", text(mail, "messageId"));
        if (messageId == null) {
            throw new InvalidSesEventException("the SES " + kind + " has neither feedbackId nor mail.messageId");
        }
        return "ses:" + kind.toLowerCase(Locale.ROOT) + ":" + messageId + ":" + email;
    }

    private record Linking(String campaignUuid, String subscriberUuid, boolean singleDestination) {
    }

    private Linking linking(JsonNode mail) {
        String campaign = header(mail, CAMPAIGN_HEADERS).orElseGet(() -> tag(mail).orElse(null));
        String subscriber = header(mail, SUBSCRIBER_HEADERS).orElse(null);
        return new Linking(campaign, subscriber, mail.path("destination").size() <= 1);
    }

    /** The first well-formed UUID among the headers, trying the names in order; names match case-insensitively. */
    private static Optional<String> header(JsonNode mail, List<String> names) {
        for (String name : names) {
            for (JsonNode header : mail.path("headers")) {
                String value = text(header, "value");
                if (name.equalsIgnoreCase(text(header, "name")) && value != null && Uuids.isWellFormed(value.trim())) {
                    return Optional.of(value.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> tag(JsonNode mail) {
        if (campaignTag == null) {
            return Optional.empty();
        }
        JsonNode values = mail.path("tags").path(campaignTag);
        String value = values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
        return value != null && Uuids.isWellFormed(value.trim())
                ? Optional.of(value.trim().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Instant occurredAt(JsonNode report, JsonNode mail, Instant envelopeTime) {
        return time(text(report, "timestamp"))
                .or(() -> Optional.ofNullable(envelopeTime).filter(Instants::isInRange))
                .or(() -> time(text(mail, "timestamp")))
                .orElse(null);
    }

    private static Optional<Instant> time(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instants.parseRfc3339(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static void putIfPresent(ObjectNode meta, String field, String value) {
        if (value != null) {
            meta.put(field, value);
        }
    }
}
