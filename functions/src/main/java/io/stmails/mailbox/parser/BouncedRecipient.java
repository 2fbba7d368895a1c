package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;

/**
 * One recipient of a bounce or complaint.
 *
 * @param address    the bounced address, lower-cased
 * @param type       hard only when the address itself is undeliverable
 * @param reason     why, as a short name ({@code userunknown}, {@code mailboxfull}, {@code blocked}...)
 * @param status     the RFC 3463 enhanced status code, or an empty string when the message gives none
 * @param diagnostic the remote server's or the reporting system's text, whitespace-collapsed
 * @param remoteMta  the server that refused the message, or an empty string
 * @param delayed    a delay warning: delivery is still being retried
 */
public record BouncedRecipient(
        String address,
        BounceType type,
        String reason,
        String status,
        String diagnostic,
        String remoteMta,
        boolean delayed) {
}
