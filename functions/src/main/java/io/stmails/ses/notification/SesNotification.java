package io.stmails.ses.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.address.Emails;
import io.stmails.domain.BounceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Amazon SES notification, read the same way whichever path delivered it: an identity
 * notification ({@code notificationType}) or a configuration-set event ({@code eventType}), carried by
 * SNS, EventBridge, or mailed to a bounce mailbox. For a bounce or complaint it gives the report
 * (the {@code bounce} or {@code complaint} object) and its recipients; other kinds carry only their
 * name. Text fields are null when absent; a container where text is expected counts as absent.
 *
 * @param kind       {@code Bounce}, {@code Complaint}, or whatever other kind SES sent
 * @param report     the {@code bounce} or {@code complaint} object; null for other kinds
 * @param mail       the {@code mail} object (a missing node when absent)
 * @param subType    the bounce's {@code bounceSubType} or the complaint's {@code complaintSubType}
 * @param recipients {@code bouncedRecipients} or {@code complainedRecipients}
 */
public record SesNotification(String kind, JsonNode report, JsonNode mail, String bounceType, String subType,
        String feedbackType, List<Recipient> recipients) {
    public static final String BOUNCE = "Bounce";
    public static final String COMPLAINT = "Complaint";

    public SesNotification {
        recipients = List.copyOf(recipients);
    }

    /** One bounced or complained recipient; {@code emailAddress} as SES wrote it, maybe {@code Name <address>}. */
    public record Recipient(String emailAddress, String status, String action, String diagnosticCode) {
        /** The bare address, lower-cased, or empty when it is not an e-mail address. */
        public Optional<String> address() {
            Optional<String> bare = Emails.normalise(emailAddress);
            if (bare.isPresent() || emailAddress == null) {
                return bare;
            }
            int open = emailAddress.lastIndexOf('<');
            int close = emailAddress.lastIndexOf('>');
            return open >= 0 && close > open ? Emails.normalise(emailAddress.substring(open + 1, close)) : Optional.empty();
        }
    }

    /**
     * @throws InvalidSesEventException when the event is not an object, names no kind, or is a bounce or
     *                                  complaint without its report or recipient list
     */
    public static SesNotification read(JsonNode event) {
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
            case BOUNCE -> {
                JsonNode bounce = object(event, kind, "bounce");
                yield new SesNotification(kind, bounce, mail, text(bounce, "bounceType"), text(bounce, "bounceSubType"),
                        null, recipients(bounce, "bouncedRecipients"));
            }
            case COMPLAINT -> {
                JsonNode complaint = object(event, kind, "complaint");
                yield new SesNotification(kind, complaint, mail, null, text(complaint, "complaintSubType"),
                        text(complaint, "complaintFeedbackType"), recipients(complaint, "complainedRecipients"));
            }
            default -> new SesNotification(kind, null, mail, null, null, null, List.of());
        };
    }

    public boolean isBounceOrComplaint() {
        return report != null;
    }

    /**
     * The recipient marked the mail as not spam ({@code complaintFeedbackType} {@code not-spam}, RFC 6650):
     * the opposite of a complaint.
     */
    public boolean markedNotSpam() {
        return COMPLAINT.equals(kind) && "not-spam".equalsIgnoreCase(feedbackType);
    }

    /** The recipient's class: a complaint, or the bounce's class by {@link SesBounceRule}. */
    public BounceType typeOf(Recipient recipient) {
        return COMPLAINT.equals(kind) ? BounceType.COMPLAINT : SesBounceRule.classOf(bounceType, recipient.status());
    }

    /** What SES said: {@code bounceType/bounceSubType}, or the complaint's feedback type (else its sub-type). */
    public String reason() {
        if (COMPLAINT.equals(kind)) {
            return feedbackType != null ? feedbackType : subType != null ? subType : "complaint";
        }
        return bounceType == null ? subType : subType == null ? bounceType : bounceType + "/" + subType;
    }

    /** The recipient list's field name, for messages. */
    public String recipientsField() {
        return COMPLAINT.equals(kind) ? "complainedRecipients" : "bouncedRecipients";
    }

    /** A text field of the report (or of another node); null when absent or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static JsonNode object(JsonNode event, String kind, String field) {
        JsonNode node = event.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidSesEventException("the SES " + kind + " event has no " + field + " object");
        }
        return node;
    }

    private static List<Recipient> recipients(JsonNode report, String field) {
        JsonNode list = report.get(field);
        if (list == null || !list.isArray()) {
            throw new InvalidSesEventException("the SES event has no " + field + " list");
        }
        List<Recipient> recipients = new ArrayList<>(list.size());
        for (JsonNode recipient : list) {
            recipients.add(new Recipient(text(recipient, "emailAddress"), text(recipient, "status"),
                    text(recipient, "action"), text(recipient, "diagnosticCode")));
        }
        return recipients;
    }
}
