package io.stmails.mailbox.parser;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The bounce's own header fields that matter. */
final class Envelope {
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|returned mail|returning message"
            + "|delivery status notification|delivery failure|delivery failed|failure notice|mail delivery|delivery problem"
            + "|could not be delivered|non-?deliver|not delivered|mail system error|returned to sender|delivery has failed"
            + "|permanent delivery|message delivery|delivery notification|mail failure|failed mail|mail could not|bounce"
            + "|unzustellbar|non remis|no entregado|non recapitabile|rejected|delayed mail|could not send message"
            + "|warning: message|mail failed");
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)mailer-daemon|mailer_daemon|mail-daemon|postmaster"
            + "|mail delivery|mail system|mailerdaemon|double-bounce");
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile("(?i)^\\s*(?:auto(?:matic)?[ _-]?(?:reply|response|respons"
            + "|antwort|answer)|autoreply|auto:|out of (?:the )?office|abwesend|abwesenheit|vacation|absence|away from"
            + "|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica)");
    private static final Phrases DELAY_TEXT = Phrases.of("has been delayed", "is delayed", "not yet been delivered",
            "will be retried", "will continue to try", "still being retried", "warning message only",
            "temporary failure report", "delivery attempts will continue", "delayed for more than", "(delay)",
            "could not send message for past", "no action is required on your part");
    private static final Pattern DELAY_SUBJECT = Pattern.compile("(?i)delay|warning: (?:message|could not send)"
            + "|still being retried|status notification: warning");

    String messageId = "";
    String subject = "";
    String from = "";
    String autoSubmitted = "";
    boolean autoReplyHeader;
    boolean nullSender;
    final List<String> bounceRecipients = new ArrayList<>();
    final Set<String> failedRecipients = new HashSet<>();

    static Envelope of(MimeMessage message) throws MessagingException {
        Envelope envelope = new Envelope();
        String id = message.getHeader("Message-ID", null);
        envelope.messageId = id == null ? "" : stripBrackets(id.trim());
        envelope.subject = decoded(message.getHeader("Subject", " "));
        envelope.from = decoded(message.getHeader("From", ","));
        String returnPath = message.getHeader("Return-Path", null);
        envelope.nullSender = returnPath == null || returnPath.isBlank() || returnPath.trim().equals("<>")
                || BOUNCE_SENDER.matcher(returnPath).find();
        String auto = message.getHeader("Auto-Submitted", null);
        envelope.autoSubmitted = auto == null ? "" : auto.trim().toLowerCase(Locale.ROOT);
        envelope.autoReplyHeader = message.getHeader("X-Autoreply") != null
                || message.getHeader("X-Autorespond") != null
                || "auto_reply".equalsIgnoreCase(String.valueOf(message.getHeader("Precedence", null)).trim());
        for (String name : new String[] {"To", "Cc"}) {
            String[] values = message.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    envelope.bounceRecipients.addAll(Addresses.ofHeader(value));
                }
            }
        }
        String[] failed = message.getHeader("X-Failed-Recipients");
        if (failed != null) {
            for (String value : failed) {
                envelope.failedRecipients.addAll(Addresses.in(value));
            }
        }
        return envelope;
    }

    boolean looksLikeBounce() {
        return BOUNCE_SENDER.matcher(from).find() || BOUNCE_SUBJECT.matcher(subject).find()
                || !failedRecipients.isEmpty();
    }

    /** Sent by software, not typed by a person: a null or mailer-daemon return path, or Auto-Submitted. */
    boolean machineSent() {
        return nullSender || !autoSubmitted.isEmpty();
    }

    boolean isAutoReply() {
        return autoSubmitted.startsWith("auto-replied") || autoReplyHeader
                || AUTO_REPLY_SUBJECT.matcher(subject).find();
    }

    boolean delayNotice(String notes) {
        return DELAY_SUBJECT.matcher(subject).find() || DELAY_TEXT.in(Classifier.normalise(notes));
    }

    /** Who sent the returned message and who receives this bounce: never a bounced recipient. */
    Set<String> senderSide(List<InternetHeaders> returned) {
        Set<String> addresses = new HashSet<>(bounceRecipients);
        addresses.addAll(Addresses.ofHeader(from));
        for (InternetHeaders headers : returned) {
            for (String name : new String[] {"From", "Sender", "Reply-To", "Return-Path"}) {
                addresses.addAll(Addresses.ofHeader(headers.getHeader(name, ",")));
            }
        }
        return addresses;
    }

    private static String stripBrackets(String id) {
        return id.startsWith("<") && id.endsWith(">") && id.length() > 1 ? id.substring(1, id.length() - 1) : id;
    }

    private static String decoded(String value) {
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value)).trim();
        } catch (IOException | RuntimeException undecodable) {
            return value.trim();
        }
    }
}
