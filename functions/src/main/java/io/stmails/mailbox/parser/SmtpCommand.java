package io.stmails.mailbox.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern MENTION = Pattern.compile(
            "(initial connection|greeting|while connecting|connection to [^ ]+ (?:failed|refused)"
                    + "|(?:in reply to|after|>>>) (?:helo|ehlo)"
                    + "|(?:in reply to|after|>>>|our) mail from|mail from command"
                    + "|rcpt to|rcpt_to|rcpt command|rcpt: <|does not like recipient"
                    + "|end of data|(?:in reply to|after|>>>|our|our final) data\\b|smtp command data"
                    + "|after i sent the message|after the message was sent)");

    /** The stage of the last stage mention in an already lower-cased text. */
    static SmtpCommand in(String lowerText) {
        Matcher matcher = MENTION.matcher(lowerText);
        SmtpCommand found = UNKNOWN;
        while (matcher.find()) {
            found = of(matcher.group(1));
        }
        return found;
    }

    private static SmtpCommand of(String mention) {
        if (mention.contains("helo") || mention.contains("ehlo")) {
            return HELO;
        }
        if (mention.contains("mail from")) {
            return MAIL;
        }
        if (mention.contains("rcpt") || mention.contains("recipient")) {
            return RCPT;
        }
        if (mention.contains("data") || mention.contains("sent the message") || mention.contains("was sent")) {
            return DATA;
        }
        return CONNECT;
    }

    /** Refused before any recipient was named: the problem is the sending host or the sender. */
    boolean concernsSender() {
        return this == CONNECT || this == HELO || this == MAIL;
    }
}
