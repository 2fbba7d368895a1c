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
                    recipients.addAll(Addresses.in(value));
                }
            }
        }
        String type = fields.getHeader("Feedback-Type", null);
        return new Complaint(new ArrayList<>(recipients), type == null ? "" : type.trim());
    }
}
