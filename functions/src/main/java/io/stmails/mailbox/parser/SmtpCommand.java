package io.stmails.mailbox.parser;

import java.util.List;

/**
 * The SMTP stage at which the remote server refused, as bounce texts report it ("in reply to RCPT TO
 * command", "after end of data", "did not like our RCPT TO", a transcript's {@code >>> DATA}...).
 * A refusal at MAIL FROM or at connection time concerns the sender, never the recipient's address.
 */
enum SmtpCommand {
    UNKNOWN,
    CONNECT,
    HELO,
    MAIL,
    RCPT,
    DATA;

    /** Group order: CONNECT, HELO, MAIL, RCPT, DATA (ordinal - 1). */
    private static final PhraseAutomaton MENTIONS = new PhraseAutomaton(List.of(
            List.of("initial connection", "greeting", "while connecting", "connect to", "connection refused"),
            List.of("in reply to helo", "in reply to ehlo", "after helo", "after ehlo", ">>> helo", ">>> ehlo"),
            List.of("in reply to mail from", "after mail from", ">>> mail from", "our mail from", "mail from command"),
            List.of("rcpt to", "rcpt_to", "rcpt command", "rcpt: <", "does not like recipient"),
            List.of("end of data", "in reply to data", "after data", ">>> data", "our data", "our final data",
                    "smtp command data", "after i sent the message", "after the message was sent")));

    /** The stage whose mention comes last in an already lower-cased text. */
    static SmtpCommand in(String lowerText) {
        int[] ends = MENTIONS.lastEnds(lowerText, 5);
        SmtpCommand found = UNKNOWN;
        int at = -1;
        for (int group = 0; group < ends.length; group++) {
            if (ends[group] > at) {
                at = ends[group];
                found = values()[group + 1];
            }
        }
        return found;
    }

    /** Refused before any recipient was named: the problem is the sending host or the sender. */
    boolean concernsSender() {
        return this == CONNECT || this == HELO || this == MAIL;
    }
}
