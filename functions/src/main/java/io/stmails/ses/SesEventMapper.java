package io.stmails.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.Emails;
import io.stmails.domain.Evidence;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Instants;
import io.stmails.domain.OriginHeaders;
import io.stmails.domain.Uuids;
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
    /**
     * Enhanced status codes (RFC 3463, RFC 7505) saying the recipient address itself is bad: a
     * Transient bounce with one of these will fail again on every send. 5.1.7 and 5.1.8 are about
     * the sender's address, 5.1.5 means the address is valid, so they are not here.
     */
    private static final Set<String> BAD_ADDRESS_STATUSES =
            Set.of("5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.4.4");
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
        if (event == null || !event.isObject()) {
            throw new InvalidSesEventException("the SES event is not a JSON object");
        }
        String kind = text(event, "eventType");
        if (kind == null) {
            kind = text(event, "notificationType");
        }
        if (kind == null) {
            throw new InvalidSesEventException("the SES event has neither eventType nor notificationType");
        }
        JsonNode mail = event.path("mail");
        return switch (kind) {
            case "Bounce" -> bounces(kind, object(event, "bounce"), mail, envelopeTime);
            case "Complaint" -> complaints(kind, object(event, "complaint"), mail, envelopeTime);
            default -> Mapping.ignored("SES " + kind + " event: nothing to record");
        };
    }

    private Mapping bounces(String kind, JsonNode bounce, JsonNode mail, Instant envelopeTime) {
        String bounceType = text(bounce, "bounceType");
        String subType = text(bounce, "bounceSubType");
        String reason = bounceType == null ? subType : subType == null ? bounceType : bounceType + "/" + subType;
        return perRecipient(kind, bounce, "bouncedRecipients", mail, envelopeTime, reason, (recipient, meta) -> {
            String status = text(recipient, "status");
            putIfPresent(meta, "bounce_type", bounceType);
            putIfPresent(meta, "bounce_subtype", subType);
            putIfPresent(meta, "action", text(recipient, "action"));
            putIfPresent(meta, "status", status);
            putIfPresent(meta, "diagnostic_code", text(recipient, "diagnosticCode"));
            putIfPresent(meta, "reporting_mta", text(bounce, "reportingMTA"));
            putIfPresent(meta, "remote_mta_ip", text(bounce, "remoteMtaIp"));
            if (subType != null && SUPPRESSION_SUBTYPES.contains(subType)) {
                meta.put("suppressed", true);
            }
            return bounceType(bounceType, status);
        });
    }

    private Mapping complaints(String kind, JsonNode complaint, JsonNode mail, Instant envelopeTime) {
        String feedbackType = text(complaint, "complaintFeedbackType");
        if ("not-spam".equalsIgnoreCase(feedbackType)) {
            return Mapping.ignored("complaint " + text(complaint, "feedbackId")
                    + " has feedback type not-spam (the recipient marked the mail as not spam): not a complaint");
        }
        String subType = text(complaint, "complaintSubType");
        String reason = feedbackType != null ? feedbackType : subType != null ? subType : "complaint";
        return perRecipient(kind, complaint, "complainedRecipients", mail, envelopeTime, reason, (recipient, meta) -> {
            putIfPresent(meta, "complaint_feedback_type", feedbackType);
            putIfPresent(meta, "complaint_subtype", subType);
            putIfPresent(meta, "user_agent", text(complaint, "userAgent"));
            putIfPresent(meta, "arrival_date", text(complaint, "arrivalDate"));
            if ("OnAccountSuppressionList".equals(subType)) {
                meta.put("suppressed", true);
            }
            return BounceType.COMPLAINT;
        });
    }

    /** Reads one recipient of a report: fills its meta, returns its type. */
    private interface RecipientReader {
        BounceType read(JsonNode recipient, ObjectNode meta);
    }

    /** @param reason what SES said: {@code bounceType/bounceSubType}, or the complaint's feedback type */
    private Mapping perRecipient(String kind, JsonNode report, String listField, JsonNode mail, Instant envelopeTime,
            String reason, RecipientReader reader) {
        JsonNode recipients = recipients(report, listField);
        String evidence = Evidence.builder().json(kind.toLowerCase(Locale.ROOT), report).toJson();
        Instant occurredAt = occurredAt(report, mail, envelopeTime);
        Linking linking = linking(mail);
        List<BounceEvent> events = new ArrayList<>();
        List<String> notRecorded = new ArrayList<>();
        for (JsonNode recipient : recipients) {
            String raw = text(recipient, "emailAddress");
            Optional<String> email = address(raw);
            if (email.isEmpty()) {
                notRecorded.add(listField + ": '" + raw + "' is not an e-mail address");
                continue;
            }
            ObjectNode meta = meta(kind, report, mail);
            BounceType type = reader.read(recipient, meta);
            events.add(event(email.get(), linking, recipients.size(), type, occurredAt, meta,
                    dedupeKey(kind, report, mail, email.get()), reason, evidence));
        }
        return new Mapping(events, notRecorded);
    }

    static BounceType bounceType(String bounceType, String status) {
        if ("Permanent".equals(bounceType)) {
            return BounceType.HARD;
        }
        if ("Transient".equals(bounceType) && status != null && BAD_ADDRESS_STATUSES.contains(status.trim())) {
            return BounceType.HARD;
        }
        return BounceType.SOFT;
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

    /** A bare address, or the address inside {@code Name <address>}. */
    private static Optional<String> address(String raw) {
        Optional<String> bare = Emails.normalise(raw);
        if (bare.isPresent() || raw == null) {
            return bare;
        }
        int open = raw.lastIndexOf('<');
        int close = raw.lastIndexOf('>');
        return open >= 0 && close > open ? Emails.normalise(raw.substring(open + 1, close)) : Optional.empty();
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

    private static JsonNode object(JsonNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidSesEventException("the SES " + event.path("eventType").asText(
                    event.path("notificationType").asText()) + " event has no " + field + " object");
        }
        return node;
    }

    private static JsonNode recipients(JsonNode report, String field) {
        JsonNode node = report.get(field);
        if (node == null || !node.isArray()) {
            throw new InvalidSesEventException("the SES event has no " + field + " list");
        }
        return node;
    }

    private static void putIfPresent(ObjectNode meta, String field, String value) {
        if (value != null) {
            meta.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
