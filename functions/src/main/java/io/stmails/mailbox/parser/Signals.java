package io.stmails.mailbox.parser;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The codes and the SMTP stage a recipient's texts carry, read before any wording is weighed.
 *
 * @param status      the RFC 3463 enhanced status code: the report's own, or a more precise one the
 *                    server's reply gives when the report only says X.0.0
 * @param replyCode   the RFC 5321 reply code the server answered with ({@code 550}), or empty
 * @param command     the SMTP command the server refused
 * @param aboutSender the refusal concerns the sender, not the recipient: before RCPT TO, a sender-address
 *                    code (X.1.7, X.1.8), or a reply naming another address than the recipient
 */
record Signals(String status, String replyCode, SmtpCommand command, boolean aboutSender) {
    private static final Pattern REPLY_SUBJECT = Pattern.compile("[245]\\d\\d[ \\-'\\d.]*<([^<>\\s]+@[^<>\\s]+)>(?:\\.\\.\\.|:)");

    /** @param diagnostic and {@code context} lower-cased and whitespace-collapsed */
    static Signals read(Evidence evidence, String diagnostic, String context) {
        String status = status(evidence.status(), diagnostic, context);
        SmtpCommand command = SmtpCommand.in(diagnostic);
        if (command == SmtpCommand.UNKNOWN && evidence.contextOwn()) {
            command = SmtpCommand.in(context);
        }
        String replyCode = StatusCodes.replyCode(diagnostic);
        if (replyCode.isEmpty() && evidence.contextOwn()) {
            replyCode = StatusCodes.replyCode(context);
        }
        String detail = StatusCodes.subjectDetail(status);
        String named = addressReplied(diagnostic);
        boolean aboutSender = command.concernsSender() || detail.equals("1.7") || detail.equals("1.8")
                || (named != null && !evidence.addresses().contains(named));
        if (command == SmtpCommand.UNKNOWN && named != null && evidence.addresses().contains(named)
                && SmtpCommand.in(context) == SmtpCommand.UNKNOWN) {
            // Sendmail ("<rcpt>... User unknown"), Postfix ("<rcpt>: Recipient address rejected") and the
            // servers that copy them echo the address of the RCPT TO they refuse; after DATA a reply names
            // none. A transcript that places the reply elsewhere (a pipelined ">>> DATA") says otherwise.
            command = SmtpCommand.RCPT;
        }
        return new Signals(status, replyCode, command, aboutSender);
    }

    /** A 4.x.x status or a 4xx reply: the server itself said the failure may pass. */
    boolean temporary() {
        return StatusCodes.statusClass(status) == '4' || replyCode.startsWith("4");
    }

    String subjectDetail() {
        return StatusCodes.subjectDetail(status);
    }

    /**
     * The address a server's reply is about, when it names one first: Sendmail and Postfix put the address
     * they refuse first ({@code 550 5.7.1 <sender@example.com>... Access denied}); null when it names none.
     */
    private static String addressReplied(String diagnostic) {
        Matcher matcher = REPLY_SUBJECT.matcher(diagnostic);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The given code, unless it is an X.0.0 and the text has a more precise one of the same class. */
    private static String status(String given, String diagnostic, String context) {
        if (!given.isEmpty() && !StatusCodes.subjectDetail(given).equals("0.0")) {
            return given;
        }
        String found = StatusCodes.find(diagnostic);
        if (found.isEmpty()) {
            found = StatusCodes.find(context);
        }
        if (given.isEmpty() || (!found.isEmpty() && found.charAt(0) == given.charAt(0))) {
            return found.isEmpty() ? given : found;
        }
        return given;
    }
}
