package io.stmails.ses.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.mailbox.parser.BounceParser;
import io.stmails.mailbox.parser.BouncedRecipient;
import io.stmails.mailbox.parser.ParsedMail;
import io.stmails.mailbox.parser.Verdict;
import io.stmails.ses.SesEventMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One SES notification, two paths: delivered by SNS ({@link SesEventMapper}) and mailed to a bounce
 * mailbox ({@link BounceParser}). Both read it the same way and class each recipient by the same rule,
 * even where the recipient's own evidence would say otherwise (a Permanent bounce with a mailbox-full
 * text, an Undetermined one with 5.1.1).
 */
class SesOneRuleTest {
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "{0}/{1} status {2}: {4}")
    @CsvSource(nullValues = "-", value = {
            "Permanent,    General,            5.1.1, smtp; 550 5.1.1 user unknown,                  hard",
            "Permanent,    General,            5.2.2, smtp; 552 5.2.2 mailbox full,                  hard",
            "Permanent,    NoEmail,            -,     -,                                             hard",
            "Permanent,    Suppressed,         -,     Amazon SES has suppressed sending to this address, hard",
            "Transient,    General,            5.1.1, smtp; 550 5.1.1 user unknown,                  hard",
            "Transient,    General,            5.4.4, smtp; 554 5.4.4 invalid domain,                hard",
            "Transient,    MailboxFull,        4.2.2, smtp; 452 4.2.2 mailbox full,                  soft",
            "Transient,    General,            5.7.1, smtp; 550 5.7.1 user unknown,                  soft",
            "Transient,    ContentRejected,    5.7.1, smtp; 550 5.7.1 message rejected as spam,      soft",
            "Undetermined, Undetermined,       5.1.1, smtp; 550 5.1.1 user unknown,                  soft",
            "Undetermined, Undetermined,       -,     -,                                             soft",
    })
    void bothPathsClassABounceAlike(String bounceType, String subType, String status, String diagnostic, String expected) {
        ObjectNode notification = bounce(bounceType, subType, status, diagnostic);
        BounceType type = BounceType.fromWire(expected).orElseThrow();

        List<BounceEvent> viaSns = new SesEventMapper(null, json).map(notification, Instant.now()).bounces();
        assertEquals(1, viaSns.size());
        assertEquals(type, viaSns.get(0).type());

        BouncedRecipient viaMail = onlyRecipient(mailed(notification));
        assertEquals("ann@example.com", viaMail.address());
        assertEquals(type, viaMail.type());
    }

    @ParameterizedTest(name = "feedback type {0}")
    @CsvSource(nullValues = "-", value = {"abuse, complaint", "-, complaint", "not-spam, none"})
    void bothPathsReadAComplaintAlike(String feedbackType, String expected) {
        ObjectNode notification = json.createObjectNode().put("notificationType", "Complaint");
        ObjectNode complaint = notification.putObject("complaint").put("feedbackId", "f-2");
        complaint.putArray("complainedRecipients").addObject().put("emailAddress", "Ann <ann@example.com>");
        if (feedbackType != null) {
            complaint.put("complaintFeedbackType", feedbackType);
        }
        notification.putObject("mail").put("messageId", "m-2");

        List<BounceEvent> viaSns = new SesEventMapper(null, json).map(notification, Instant.now()).bounces();
        ParsedMail viaMail = mailed(notification);
        if (expected.equals("none")) {
            assertEquals(List.of(), viaSns);
            assertEquals(Verdict.NOT_BOUNCE, viaMail.verdict(), viaMail.explanation());
            return;
        }
        assertEquals(BounceType.COMPLAINT, viaSns.get(0).type());
        assertEquals("ann@example.com", viaSns.get(0).email());
        assertEquals(BounceType.COMPLAINT, onlyRecipient(viaMail).type());
        assertEquals("ann@example.com", onlyRecipient(viaMail).address());
    }

    private ObjectNode bounce(String bounceType, String subType, String status, String diagnostic) {
        ObjectNode notification = json.createObjectNode().put("notificationType", "Bounce");
        ObjectNode bounce = notification.putObject("bounce").put("bounceType", bounceType).put("bounceSubType", subType)
                .put("feedbackId", "f-1").put("timestamp", "2026-11-26T09:00:00.000Z");
        ObjectNode recipient = ((ArrayNode) bounce.putArray("bouncedRecipients")).addObject()
                .put("emailAddress", "ann@example.com").put("action", "failed");
        if (status != null) {
            recipient.put("status", status);
        }
        if (diagnostic != null) {
            recipient.put("diagnosticCode", diagnostic);
        }
        notification.putObject("mail").put("messageId", "m-1").put("source", "news@lists.example.org");
        return notification;
    }

    /** As an SNS e-mail-json subscription sends it: the notification as the envelope's Message, lines wrapped. */
    private ParsedMail mailed(ObjectNode notification) {
        ObjectNode envelope = json.createObjectNode().put("Type", "Notification").put("Message", notification.toString());
        String body = envelope.toPrettyString().replaceAll("(.{72})", "$1\n ");
        String mail = "From: AWS Notifications <no-reply@sns.amazonaws.com>\r\nTo: bounces@lists.example.org\r\n"
                + "Subject: AWS Notification Message\r\nMessage-ID: <n-1@sns.amazonaws.com>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n--\r\n"
                + "If you wish to stop receiving notifications from this topic, please click or visit the link below.\r\n";
        return new BounceParser().parse(mail.getBytes(StandardCharsets.UTF_8));
    }

    private static BouncedRecipient onlyRecipient(ParsedMail parsed) {
        assertEquals(Verdict.BOUNCE, parsed.verdict(), parsed.explanation());
        assertEquals(1, parsed.recipients().size(), parsed.recipients().toString());
        return parsed.recipients().get(0);
    }
}
