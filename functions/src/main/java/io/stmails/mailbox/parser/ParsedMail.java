package io.stmails.mailbox.parser;

import java.time.Instant;
import java.util.List;

/**
 * The parser's reading of one message.
 *
 * @param messageId      the Message-ID of the bounce itself (without angle brackets), or an empty string
 * @param subscriberUuid from an X-Stmails-Subscriber / X-Listmonk-Subscriber header of the returned
 *                       message, or from a VERP return path; null when neither is present
 * @param campaignUuid   from an X-Stmails-Campaign / X-Listmonk-Campaign header; null when absent
 * @param date           the bounce's Date header, or null
 * @param report         the delivery-status parts and returned headers it was read from (evidence)
 */
public record ParsedMail(
        Verdict verdict,
        List<BouncedRecipient> recipients,
        String messageId,
        String subject,
        String from,
        Instant date,
        String subscriberUuid,
        String campaignUuid,
        String explanation,
        ReportText report) {

    public ParsedMail {
        recipients = List.copyOf(recipients);
    }

    public ParsedMail(Verdict verdict, List<BouncedRecipient> recipients, String messageId, String subject, String from,
            Instant date, String subscriberUuid, String campaignUuid, String explanation) {
        this(verdict, recipients, messageId, subject, from, date, subscriberUuid, campaignUuid, explanation, ReportText.NONE);
    }
}
