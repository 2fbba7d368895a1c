package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recipient of a bounce or complaint, with why it failed and how sure the parser is.
 *
 * @param address    the bounced address, its local part as written and its domain lower-cased
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

    private static final Pattern REMOTE_HOST = Pattern.compile(
            "(?i)(?:\\bhost|talking to|connecting to|server)\\s+\\[?([a-z0-9][a-z0-9.-]*\\.[a-z]{2,})");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_DIAGNOSTIC = 1000;

    /** A failed or delayed recipient as classified, its diagnostic whitespace-collapsed and cut to 1000 characters. */
    static BouncedRecipient of(String address, Classifier.Outcome outcome, String diagnostic, String remoteMta, boolean delayed) {
        String text = WHITESPACE.matcher(diagnostic).replaceAll(" ").trim();
        if (text.length() > MAX_DIAGNOSTIC) {
            text = text.substring(0, MAX_DIAGNOSTIC);
        }
        return new BouncedRecipient(address, outcome.type(), outcome.reason().wire(), outcome.status(), outcome.replyCode(),
                outcome.command().wire(), outcome.decidedBy(), outcome.confidence(), text, remoteMta, delayed);
    }

    /** The remote host a text names ("host mx.example.com said", "while talking to ..."), or an empty string. */
    static String remoteHostIn(String text) {
        Matcher matcher = REMOTE_HOST.matcher(text);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** A complaint: an RFC 5965 feedback report or a provider's complaint notice. */
    static BouncedRecipient complaint(String address, String diagnostic) {
        return new BouncedRecipient(address, BounceType.COMPLAINT, Reason.FEEDBACK.wire(), "", "", "",
                DecidedBy.FEEDBACK_REPORT, Confidence.HIGH, diagnostic, "", false);
    }
}
