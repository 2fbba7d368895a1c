package io.stmails.mailbox.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reasons and classes for replies written the way the standards (RFC 3463, 5321, 7504, 7505) and the
 * MTAs' and providers' documented bounce formats word them, none taken from the development corpus:
 * the kinds of failure held-out mail got wrong (a filter's "user unknown" after DATA, suspended
 * mailboxes, failed mailer programs, refusals of the sender's host, hosts that accept no mail).
 */
class StandardWordingsTest {
    private static final Set<String> ANN = Set.of("ann@example.com");

    static Stream<Arguments> replies() {
        return Stream.of(
                // After DATA, "user unknown" without an addressing status (X.1.x) is a content filter's answer.
                reply("filtered", "5.0.0", "smtp", "550 Unknown user ann@example.com",
                        ">>> DATA\n<<< 550 Unknown user ann@example.com\n554 5.0.0 Service unavailable"),
                reply("filtered", "", "smtp", "550 5.7.1 user unknown (in reply to end of DATA command)", ""),
                reply("filtered", "", "", "Remote host said: 550 no such user",
                        "ann@example.com:\n192.0.2.1 failed after I sent the message.\nRemote host said: 550 no such user"),
                reply("filtered", "5.0.0", "smtp", "SMTP error from remote mail server after end of data: 550 Recipient unknown", ""),
                reply("filtered", "", "", "Remote host said: 554 delivery error: dd Not a valid recipient [BODY]", ""),
                reply("filtered", "", "", "Remote host said: 550 No such user here. qmail failed on DATA command", ""),
                reply("userunknown", "", "", "Remote host said: 550 5.1.1 ann@example.com... No such user [RCPT_TO]", ""),
                reply("userunknown", "5.1.1", "smtp", "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown"
                        + " in local recipient table (in reply to end of DATA command)", ""),
                reply("userunknown", "", "smtp", "550 5.1.1 ann@example.com: Recipient address rejected (in reply to RCPT TO command)", ""),
                reply("userunknown", "5.1.1", "smtp", "550-5.1.1 The email account that you tried to reach does not exist.", ""),
                // RFC 3463 X.2.1 "mailbox disabled", and providers' words for a suspended account: it may come back.
                reply("suspend", "5.2.1", "smtp", "550 5.2.1 The email account that you tried to reach is disabled.", ""),
                reply("suspend", "5.1.1", "smtp", "550 5.1.1 <ann@example.com>: account closed", ""),
                reply("suspend", "5.1.1", "smtp", "550 5.1.1 <ann@example.com> recipient account on hold", ""),
                reply("suspend", "", "smtp", "550 Recipient mailbox inactive (in reply to RCPT TO command)", ""),
                reply("suspend", "5.0.0", "smtp", "554 delivery error: dd Sorry your message to ann@example.com cannot be"
                        + " delivered. This mailbox is disabled (554.30)", ""),
                // The remote mailer program failed: RFC 3464's X-Unix diagnostic, Postfix pipe(8), Exim's pipe transport.
                reply("mailererror", "5.1.1", "x-unix", "67", ""),
                reply("mailererror", "5.0.0", "", "Command died with status 1: \"/usr/bin/procmail\". Command output: procmail: user unknown", ""),
                reply("mailererror", "", "", "Child process of address_pipe transport returned 69 (could mean service or"
                        + " program unavailable) from command: /usr/local/bin/filter", ""),
                reply("mailererror", "", "smtp", "554 5.4.6 mail for example.com loops back to myself", ""),
                // The sender's host or domain refused: soft, whatever the status code says about hosts.
                reply("blocked", "5.7.1", "smtp", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", ""),
                reply("requireptr", "5.0.0", "smtp", "550 5.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]", ""),
                reply("rejected", "5.0.0", "smtp", "553 sorry, your domain does not exist (#5.7.1)", ""),
                reply("rejected", "5.1.2", "smtp", "550 5.1.2 sender domain does not exist", ""),
                reply("rejected", "", "smtp", "550 Helo command rejected: Host not found", ""),
                reply("hostunknown", "5.1.2", "", "Host or domain name not found. Name service error for name=example.com type=A: Host not found", ""),
                reply("hostunknown", "", "", "Unrouteable address", ""),
                // The host accepts no mail: RFC 7505 null MX, RFC 7504 521 / 556, RFC 3463 X.3.2, a 5xx greeting (RFC 5321 3.1).
                reply("notaccept", "5.1.10", "", "Domain example.com does not accept mail (nullMX)", ""),
                reply("notaccept", "", "smtp", "556 5.1.10 Recipient address has null MX", ""),
                reply("notaccept", "", "smtp", "521 5.3.2 mx.example.com does not accept mail", ""),
                reply("notaccept", "5.3.2", "smtp", "554 5.3.2 System not accepting network messages", ""),
                reply("notaccept", "", "", "Connected to 192.0.2.1 but greeting failed. Remote host said: 554 mx.example.com no SMTP service here", ""),
                reply("notaccept", "", "smtp", "550 5.7.1 mx.example.com not accepting mail from anyone (in reply to initial connection)", ""),
                reply("blocked", "", "", "SMTP error from remote mail server after initial connection: 554 5.7.1 your IP 192.0.2.1"
                        + " is listed in bl.example.org", ""),
                // A reply echoing the recipient first answers its RCPT TO (Sendmail "<rcpt>... ", Postfix "<rcpt>: "),
                // unless the session transcript places it after DATA.
                reply("userunknown", "5.0.0", "smtp", "550 <ann@example.com>: User unknown", ""),
                reply("filtered", "5.7.1", "smtp", "550 5.7.1 <ann@example.com>: Recipient address rejected: User unknown",
                        ">>> DATA\n<<< 550 5.7.1 <ann@example.com>: Recipient address rejected: User unknown"),
                // In a report of no known format, with no code and no stage, "user unknown" is as likely a filter's
                // answer: soft. An MTA's documented wording for an unknown recipient in its own report is believed.
                reply("filtered", "", "", "ann@example.com [User unknown]", ""),
                reply("userunknown", "", "", "ann@example.com on Thu, 29 Apr 2010 00:00:00 -0000\n"
                        + "The recipient name is not recognized\nMSEXCH:IMS:EXAMPLE 0 (000C05A6) Unknown Recipient", ""),
                reply("userunknown", "", "", "User not listed in public Name & Address Book", ""),
                reply("userunknown", "", "", "hello@example.com on 3/27/97 11:21:30 AM\nRecipient Not Found\n"
                        + "MSEXCH:IMC:REMOTESERVER:REMOTESITE:REMOTEORG", ""),
                reply("hostunknown", "", "", "TEST@example.com on 3/27/97 11:18 AM\nThe recipient name is not recognized\n"
                        + "MSEXCH:IMC:SERVER:SITE:ORG 3902 Host Unknown", ""),
                // RFC 5321's generic 550 text names no failure: about the address only at RCPT TO or with an X.1.x code.
                reply("filtered", "", "smtp", "550 Requested action not taken: mailbox unavailable", ""),
                reply("userunknown", "", "smtp", "550 Requested action not taken: mailbox unavailable (in reply to RCPT TO command)", ""),
                reply("userunknown", "5.1.351", "smtp", "550 5.1.351 Remote server returned unknown recipient -> 550 User unknown", ""),
                // Providers' and MTAs' documented replies (Google's SMTP error reference, Exchange Online NDR
                // codes, qmail's and Exim's texts).
                reply("mailboxfull", "5.2.2", "smtp", "552-5.2.2 The email account that you tried to reach is over quota.", ""),
                reply("authfailure", "5.7.26", "smtp", "550 5.7.26 This mail has been blocked because the sender is unauthenticated.", ""),
                reply("userunknown", "5.1.10", "smtp", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", ""),
                reply("mailboxfull", "5.2.2", "smtp", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException", ""),
                reply("blocked", "5.7.1", "smtp", "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", ""),
                reply("userunknown", "", "", "Sorry, no mailbox here by that name. (#5.1.1)", ""),
                reply("hostunknown", "", "", "Sorry, I couldn't find any host named example.com. (#5.1.2)", ""),
                reply("hostunknown", "", "", "all relevant MX records point to non-existent hosts", ""),
                reply("expired", "", "", "retry timeout exceeded", ""),
                // A temporary code, or a wording that says the failure may pass, keeps any wording soft.
                reply("userunknown", "", "smtp", "550 user unknown, please try again later (in reply to RCPT TO command)", ""),
                reply("userunknown", "4.1.1", "smtp", "450 4.1.1 <ann@example.com>: Recipient address rejected: User unknown", ""),
                reply("mailboxfull", "5.1.1", "smtp", "552 5.1.1 ann@example.com mailbox full", ""));
    }

    private static Arguments reply(String reason, String status, String type, String diagnostic, String context) {
        return Arguments.of(reason, status, type, diagnostic, context);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("replies")
    void eachReplyHasItsReasonAndClass(String reason, String status, String type, String diagnostic, String context) {
        Classifier.Outcome outcome = Classifier.classify(
                new Evidence(ANN, status, diagnostic, type, type.equals("smtp"), context, false, true, null));
        assertEquals(reason, outcome.reason().wire(), outcome.toString());
        boolean hard = Set.of("userunknown", "hostunknown", "hasmoved", "notaccept").contains(reason)
                && !status.startsWith("4") && !diagnostic.contains("try again");
        assertEquals(hard ? "hard" : "soft", outcome.type().wire(), outcome.toString());
    }
}
