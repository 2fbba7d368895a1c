package io.stmails.mailbox.parser;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An RFC 5965 feedback report (ARF): who complained and of what kind. */
final class FeedbackReport {
    record Complaint(List<String> recipients, String feedbackType) {
    }

    private FeedbackReport() {
    }

    /** The complaining recipients: Original-Rcpt-To, else Removal-Recipient; the returned message's To is the caller's fallback. */
    static Complaint read(byte[] body) throws MessagingException {
        InternetHeaders fields = MailParts.headers(body);
        Set<String> recipients = new LinkedHashSet<>();
        for (String name : new String[] {"Original-Rcpt-To", "Removal-Recipient"}) {
            String[] values = fields.getHeader(name);
            if (values != null && recipients.isEmpty()) {
                for (String value : values) {
                    Addresses.in(value).forEach(address -> recipients.add(Addresses.asWritten(address, value)));
                }
            }
        }
        String type = fields.getHeader("Feedback-Type", null);
        return new Complaint(new ArrayList<>(recipients), type == null ? "" : type.trim());
    }

    /** The complaint's recipients: the report's, else the returned message's original recipient or To. */
    static Reading reading(MailParts parts, Complaint report) {
        List<String> addresses = new ArrayList<>(report.recipients());
        if (addresses.isEmpty()) {
            for (InternetHeaders headers : parts.returnedHeaders) {
                String original = headers.getHeader("X-HmXmrOriginalRecipient", null);
                List<String> to = original != null ? Addresses.in(original) : Addresses.ofHeader(headers.getHeader("To", ","));
                if (!to.isEmpty()) {
                    addresses.add(to.get(0));
                    break;
                }
            }
        }
        if (addresses.isEmpty()) {
            return Reading.none(Verdict.UNPARSEABLE, "feedback report that names no recipient");
        }
        String diagnostic = report.feedbackType().isEmpty() ? "" : "feedback-type: " + report.feedbackType();
        List<BouncedRecipient> recipients = addresses.stream()
                .map(a -> BouncedRecipient.complaint(a, diagnostic))
                .toList();
        return new Reading(Verdict.BOUNCE, recipients, "feedback report");
    }
}
