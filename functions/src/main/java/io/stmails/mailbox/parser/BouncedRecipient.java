package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;

/**
 * One recipient of a bounce or complaint, with why it failed and how sure the parser is.
 *
 * @param address    the bounced address, lower-cased
 * @param type       hard only when the address itself is undeliverable
 * @param reason     why, as a short name ({@code userunknown}, {@code mailboxfull}, {@code blocked}...)
 * @param status     the RFC 3463 enhanced status code, or an empty string when the message gives none
 * @param replyCode  the SMTP reply code the remote server answered with, or an empty string
 * @param command    the SMTP command the server refused ({@code CONN}, {@code EHLO}, {@code MAIL},
 *                   {@code RCPT}, {@code DATA}), or an empty string when the message does not say
 * @param decidedBy  which evidence named the reason
 * @param confidence how strong that evidence is; a low-confidence bounce is never hard
 * @param diagnostic the remote server's or the reporting system's text, whitespace-collapsed
 * @param remoteMta  the server that refused the message, or an empty string
 * @param delayed    a delay warning: delivery is still being retried
 */
public record BouncedRecipient(
        String address,
        BounceType type,
        String reason,
        String status,
        String replyCode,
        String command,
        DecidedBy decidedBy,
        Confidence confidence,
        String diagnostic,
        String remoteMta,
        boolean delayed) {

    /** A complaint: an RFC 5965 feedback report or a provider's complaint notice. */
    static BouncedRecipient complaint(String address, String diagnostic) {
        return new BouncedRecipient(address, BounceType.COMPLAINT, Reason.FEEDBACK.wire(), "", "", "",
                DecidedBy.FEEDBACK_REPORT, Confidence.HIGH, diagnostic, "", false);
    }
}
