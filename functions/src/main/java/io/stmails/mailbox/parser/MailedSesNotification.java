package io.stmails.mailbox.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.BounceType;
import io.stmails.ses.notification.InvalidSesEventException;
import io.stmails.ses.notification.SesNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds and reads an Amazon SES notification that arrived as mail (an SNS e-mail subscription): the
 * notification's JSON, alone or as the {@code Message} of SNS's envelope, often wrapped at a fixed
 * width. It is then read like any other SES notification ({@link SesNotification}), and classed by
 * the same rule.
 */
final class MailedSesNotification {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A line break a mailer inserted, with the space that continues the wrapped line. */
    private static final Pattern WRAP = Pattern.compile("\\r?\\n ?");

    private MailedSesNotification() {
    }

    /** The notification in a text, or null when the text holds none. */
    static JsonNode find(String text) {
        if (!text.contains("notificationType") && !text.contains("eventType")) {
            return null;
        }
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        JsonNode found = json(WRAP.matcher(text.substring(start)).replaceAll(""));
        JsonNode message = found == null ? null : found.get("Message");
        if (message != null && message.isTextual()) {
            found = json(message.asText());
        }
        return found != null && found.isObject() && (found.has("notificationType") || found.has("eventType"))
                ? found : null;
    }

    /**
     * The class is the one SES's own classification gives ({@link SesNotification#typeOf}), as for a
     * notification SNS delivers; the reason, status and what decided it come from the recipient's evidence.
     */
    static Reading read(JsonNode event) {
        SesNotification notification;
        try {
            notification = SesNotification.read(event);
        } catch (InvalidSesEventException e) {
            return Reading.none(Verdict.UNPARSEABLE, "Amazon SES notification that cannot be read: " + e.getMessage());
        }
        if (!notification.isBounceOrComplaint() || notification.markedNotSpam()) {
            return Reading.none(Verdict.NOT_BOUNCE, "Amazon SES " + notification.kind() + " notification"
                    + (notification.markedNotSpam() ? " of feedback type not-spam" : ""));
        }
        List<BouncedRecipient> recipients = new ArrayList<>();
        for (SesNotification.Recipient r : notification.recipients()) {
            String address = r.address().orElse(null);
            if (address == null) {
                continue;
            }
            if (notification.typeOf(r) == BounceType.COMPLAINT) {
                String feedbackType = notification.feedbackType();
                recipients.add(BouncedRecipient.complaint(address, feedbackType == null ? "" : "feedback-type: " + feedbackType));
                continue;
            }
            String diagnostic = r.diagnosticCode() == null ? "" : r.diagnosticCode();
            Classifier.Outcome evidence = Classifier.classify(new Evidence(Set.of(address),
                    StatusCodes.normalise(r.status() == null ? "" : r.status()), DeliveryReport.valueAfterType(diagnostic),
                    DeliveryReport.typeOf(diagnostic), true, "bounce sub-type " + notification.subType(),
                    "Transient".equals(notification.bounceType()), true, null));
            Classifier.Outcome outcome = new Classifier.Outcome(evidence.reason(), evidence.status(), evidence.replyCode(),
                    evidence.command(), evidence.decidedBy(), evidence.confidence(), notification.typeOf(r));
            recipients.add(BouncedRecipient.of(address, outcome, DeliveryReport.valueAfterType(diagnostic), "", false));
        }
        return recipients.isEmpty() ? Reading.none(Verdict.UNPARSEABLE, "Amazon SES notification without recipients")
                : new Reading(Verdict.BOUNCE, recipients, "Amazon SES notification");
    }

    /** The first JSON value in the text (a footer after it is ignored), or null when there is none. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
