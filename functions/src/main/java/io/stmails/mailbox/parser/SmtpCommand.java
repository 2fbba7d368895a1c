package io.stmails.mailbox.parser;

import java.util.List;

/**
 * The SMTP stage at which the remote server refused, as each MTA's bounce text reports it: Postfix
 * "(in reply to RCPT TO command)", "(in reply to end of DATA command)", "refused to talk to me";
 * Exim "SMTP error from remote mail server after RCPT TO:", "after pipelined MAIL FROM", "after end
 * of data", "after initial connection"; Sendmail's transcript ({@code >>> RCPT To:}, {@code >>> DATA});
 * qmail "does not like recipient", "sender was rejected", "my name was rejected", "failed after I sent
 * the message", "failed on DATA command", "greeting failed"; Yahoo's "[RCPT_TO]", "[DATA]", "[BODY]"
 * tags; "for TEXT command". A refusal at connection, HELO / EHLO or MAIL
 * FROM concerns the sending host or the sender, never the recipient's address; one after DATA
 * concerns the message.
 */
enum SmtpCommand {
    UNKNOWN(""),
    CONNECT("CONN"),
    HELO("EHLO"),
    MAIL("MAIL"),
    RCPT("RCPT"),
    DATA("DATA");

    /** Group order: CONNECT, HELO, MAIL, RCPT, DATA (ordinal - 1). */
    private static final PhraseAutomaton MENTIONS = new PhraseAutomaton(List.of(
            List.of("initial connection", "greeting", "while connecting", "connect to", "connection refused",
                    "refused to talk to me", "accept our requests to connect"),
            List.of("in reply to helo", "in reply to ehlo", "after helo", "after ehlo", ">>> helo", ">>> ehlo",
                    "my name was rejected", "in reply to starttls", "after starttls"),
            List.of("in reply to mail from", "after mail from", ">>> mail from", "our mail from", "mail from command",
                    "pipelined mail from", "while sending mail from", "sender was rejected", "[mail_from]"),
            List.of("rcpt to", "rcpt_to", "rcpt command", "rcpt: <", "does not like recipient"),
            List.of("end of data", "in reply to data", "after data", ">>> data", "our data", "our final data",
                    "smtp command data", "after i sent the message", "after the message was sent", "for text command",
                    "in reply to bdat", "pipelined data", "data command", "[data]", "[body]")));

    private final String wire;

    SmtpCommand(String wire) {
        this.wire = wire;
    }

    /** {@code CONN}, {@code EHLO}, {@code MAIL}, {@code RCPT}, {@code DATA}, or empty when the text does not say. */
    public String wire() {
        return wire;
    }

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
