package io.stmails.mailbox.parser;

import static io.stmails.mailbox.parser.Mails.CAMPAIGN;
import static io.stmails.mailbox.parser.Mails.SUBSCRIBER;
import static io.stmails.mailbox.parser.Mails.bytes;
import static io.stmails.mailbox.parser.Mails.campaignHeaders;
import static io.stmails.mailbox.parser.Mails.dsn;
import static io.stmails.mailbox.parser.Mails.plain;
import static io.stmails.mailbox.parser.Mails.recipientStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.domain.BounceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BounceParserTest {
    private final BounceParser parser = new BounceParser();

    private ParsedMail parse(String message) {
        return parser.parse(bytes(message));
    }

    private static BouncedRecipient only(ParsedMail parsed) {
        assertEquals(Verdict.BOUNCE, parsed.verdict(), parsed.explanation());
        assertEquals(1, parsed.recipients().size(), parsed.recipients().toString());
        return parsed.recipients().get(0);
    }

    private static void assertBounce(BouncedRecipient recipient, String address, BounceType type, String reason) {
        assertEquals(address, recipient.address());
        assertEquals(type, recipient.type(), recipient.toString());
        assertEquals(reason, recipient.reason(), recipient.toString());
    }

    @Test
    void rfc3464UnknownUserIsHardWithStatusDiagnosticAndRemoteMta() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender",
                "<ann@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <ann@example.com>:\n"
                        + "    Recipient address rejected: User unknown (in reply to RCPT TO command)\n",
                recipientStatus("ann@example.com", "failed", "5.1.1",
                        "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown"),
                campaignHeaders("ann@example.com")));
        BouncedRecipient ann = only(parsed);
        assertBounce(ann, "ann@example.com", BounceType.HARD, "userunknown");
        assertEquals("5.1.1", ann.status());
        assertTrue(ann.diagnostic().contains("User unknown"), ann.diagnostic());
        assertEquals("mx.example.com", ann.remoteMta());
        assertEquals("dsn-1@mx.example.net", parsed.messageId());
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
        assertEquals(CAMPAIGN, parsed.campaignUuid());
        assertEquals("2026-11-22T10:00:00Z", parsed.date().toString());
    }

    @Test
    void eachDsnRecipientGetsItsOwnClass() {
        ParsedMail parsed = parse(dsn("Returned mail: see transcript for details", "Two recipients failed.\n",
                recipientStatus("ann@example.com", "failed", "5.1.1", "550 5.1.1 <ann@example.com>... User unknown")
                        + "\n" + recipientStatus("bob@example.org", "failed", "5.2.2",
                        "552 5.2.2 <bob@example.org>... Mailbox full"),
                campaignHeaders("ann@example.com")));
        assertEquals(2, parsed.recipients().size());
        assertBounce(parsed.recipients().get(0), "ann@example.com", BounceType.HARD, "userunknown");
        assertBounce(parsed.recipients().get(1), "bob@example.org", BounceType.SOFT, "mailboxfull");
    }

    @Test
    void policyAndReputationBlocksAreSoftEvenWithAPermanentCode() {
        String[][] cases = {
                {"550 5.7.1 Service unavailable; client host [192.0.2.9] blocked using zen.spamhaus.org", "blocked"},
                {"554 5.7.1 Message rejected because of poor IP reputation", "badreputation"},
                {"550 5.7.26 Unauthenticated email is not accepted: DMARC policy of the sender domain", "authfailure"},
                {"550 5.7.1 Message rejected as spam by content filter", "spamdetected"},
                {"554 5.7.1 Client host rejected: cannot find your hostname, reverse DNS required", "requireptr"},
                {"550 5.2.1 The email account that you tried to reach is disabled (account is suspended)", "suspend"},
                {"552 5.3.4 Message size exceeds fixed maximum message size", "mesgtoobig"},
                {"421 4.7.0 Try again later, closing connection (rate limit exceeded)", "ratelimited"},
        };
        for (String[] c : cases) {
            ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Delivery failed.\n",
                    recipientStatus("ann@example.com", "failed", c[0].substring(4, c[0].indexOf(' ', 4)), c[0]),
                    campaignHeaders("ann@example.com")));
            assertBounce(only(parsed), "ann@example.com", BounceType.SOFT, c[1]);
        }
    }

    @Test
    void statusCodeAloneDecidesWhenTheTextSaysNothingSpecific() {
        ParsedMail hostUnknown = parse(dsn("Undeliverable", "Failed.\n",
                recipientStatus("ann@nowhere.example", "failed", "5.1.2", "550 rejected"), campaignHeaders("ann@nowhere.example")));
        assertBounce(only(hostUnknown), "ann@nowhere.example", BounceType.HARD, "hostunknown");
        ParsedMail moved = parse(dsn("Undeliverable", "Failed.\n",
                recipientStatus("ann@example.com", "failed", "5.1.6", "550 rejected"), campaignHeaders("ann@example.com")));
        assertBounce(only(moved), "ann@example.com", BounceType.HARD, "hasmoved");
        ParsedMail nullMx = parse(dsn("Undeliverable", "Failed.\n",
                recipientStatus("ann@example.com", "failed", "5.1.10", "556 rejected"), campaignHeaders("ann@example.com")));
        assertBounce(only(nullMx), "ann@example.com", BounceType.HARD, "notaccept");
        ParsedMail full = parse(dsn("Undeliverable", "Failed.\n",
                recipientStatus("ann@example.com", "failed", "5.2.2", "552 rejected"), campaignHeaders("ann@example.com")));
        assertBounce(only(full), "ann@example.com", BounceType.SOFT, "mailboxfull");
    }

    @Test
    void aTemporaryFailureIsNeverHard() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Failed.\n",
                recipientStatus("ann@example.com", "failed", "4.1.1", "450 4.1.1 <ann@example.com>: user unknown"),
                campaignHeaders("ann@example.com")));
        assertEquals(BounceType.SOFT, only(parsed).type());
    }

    @Test
    void deliveredAndRelayedNoticesAreNotBounces() {
        for (String action : List.of("delivered", "relayed", "expanded")) {
            ParsedMail parsed = parse(dsn("Successful Mail Delivery Report", "Delivered.\n",
                    recipientStatus("ann@example.com", action, "2.0.0", "250 2.0.0 Ok: queued"),
                    campaignHeaders("ann@example.com")));
            assertEquals(Verdict.NOT_BOUNCE, parsed.verdict(), action);
            assertTrue(parsed.recipients().isEmpty());
        }
    }

    @Test
    void aDelayWarningIsMarkedDelayedAndSoft() {
        ParsedMail parsed = parse(dsn("Delayed Mail (still being retried)",
                "This is only a warning: the message has not yet been delivered and will be retried.\n",
                recipientStatus("ann@example.com", "delayed", "4.4.7", "451 4.4.7 Connection timed out"),
                campaignHeaders("ann@example.com")));
        BouncedRecipient ann = only(parsed);
        assertTrue(ann.delayed());
        assertEquals(BounceType.SOFT, ann.type());
    }

    @Test
    void arfFeedbackReportIsAComplaint() {
        String message = """
                From: feedback@fbl.example.net
                To: fbl@lists.example.org
                Subject: FW: November news
                Message-ID: <arf-1@fbl.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: text/plain

                This is an email abuse report for an email message received from IP 192.0.2.7.
                --F1
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Mail-From: <news@lists.example.org>
                Original-Rcpt-To: <ann@example.com>
                Source-IP: 192.0.2.7

                --F1
                Content-Type: message/rfc822

                %s
                Hello.
                --F1--
                """.formatted(campaignHeaders("ann@example.com"));
        ParsedMail parsed = parse(message);
        BouncedRecipient ann = only(parsed);
        assertBounce(ann, "ann@example.com", BounceType.COMPLAINT, "feedback");
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
    }

    @Test
    void arfWithoutOriginalRcptToTakesTheReturnedMessagesRecipient() {
        String message = """
                From: dmarc@example.net
                To: dmarc-reports@lists.example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1

                --F1
                Content-Type: text/rfc822-headers

                %s
                --F1--
                """.formatted(campaignHeaders("Ann <ann@example.com>"));
        assertBounce(only(parse(message)), "ann@example.com", BounceType.COMPLAINT, "feedback");
    }

    @Test
    void qmailBounceWithTheSubscriberHeaderInTheInlineCopy() {
        ParsedMail parsed = parse(plain("MAILER-DAEMON@mx.example.net", "failure notice", "", """
                Hi. This is the qmail-send program at mx.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <ann@example.com>:
                192.0.2.5 does not like recipient.
                Remote host said: 550 sorry, no mailbox here by that name.
                Giving up on 192.0.2.5.

                --- Below this line is a copy of the message.

                %s
                Hello.
                """.formatted(campaignHeaders("ann@example.com"))));
        assertBounce(only(parsed), "ann@example.com", BounceType.HARD, "userunknown");
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
        assertEquals(CAMPAIGN, parsed.campaignUuid());
    }

    @Test
    void qmailMailboxFullIsSoft() {
        ParsedMail parsed = parse(plain("MAILER-DAEMON@mx.example.net", "failure notice", "", """
                Hi. This is the qmail-send program at mx.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <ann@example.com>:
                Remote host said: 552 sorry, mailbox ann@example.com is over quota (#5.2.2)

                --- Below this line is a copy of the message.

                %s
                """.formatted(campaignHeaders("ann@example.com"))));
        assertBounce(only(parsed), "ann@example.com", BounceType.SOFT, "mailboxfull");
    }

    @Test
    void eximRefusalAtRcptIsHardAndAtMailFromIsSoft() {
        String exim = """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  ann@example.com
                    SMTP error from remote mail server after %s:
                    host mx.example.com [192.0.2.1]: 550 %s

                ------ This is a copy of the message, including all the headers. ------

                %s
                """;
        ParsedMail atRcpt = parse(plain("Mail Delivery System <Mailer-Daemon@mx.example.net>",
                "Mail delivery failed: returning message to sender", "X-Failed-Recipients: ann@example.com\n",
                exim.formatted("RCPT TO:<ann@example.com>", "Unknown user", campaignHeaders("ann@example.com"))));
        assertBounce(only(atRcpt), "ann@example.com", BounceType.HARD, "userunknown");
        ParsedMail atMailFrom = parse(plain("Mail Delivery System <Mailer-Daemon@mx.example.net>",
                "Mail delivery failed: returning message to sender", "X-Failed-Recipients: ann@example.com\n",
                exim.formatted("MAIL FROM:<news@lists.example.org>", "No such domain lists.example.org",
                        campaignHeaders("ann@example.com"))));
        assertEquals(BounceType.SOFT, only(atMailFrom).type());
    }

    @Test
    void eximNamingNoDomainFallsBackToXFailedRecipients() {
        ParsedMail parsed = parse(plain("Mail Delivery System <Mailer-Daemon@mx.example.net>",
                "Mail delivery failed: returning message to sender", "X-Failed-Recipients: ann@example.com\n", """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  save to /var/mail/ann
                    generated by ann
                    mailbox is full: retry timeout exceeded

                ------ This is a copy of the message, including all the headers. ------
                """));
        assertBounce(only(parsed), "ann@example.com", BounceType.SOFT, "mailboxfull");
    }

    @Test
    void oldSendmailWithoutDsn() {
        ParsedMail parsed = parse(plain("Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>",
                "Returned mail: see transcript for details", "", """
                The original message was received at Sun, 22 Nov 2026 09:59:58 +0000
                from localhost [127.0.0.1]

                   ----- The following addresses had permanent fatal errors -----
                <ann@example.com>
                    (reason: 550 5.1.1 <ann@example.com>... User unknown)

                   ----- Transcript of session follows -----
                ... while talking to mx.example.com.:
                >>> RCPT To:<ann@example.com>
                <<< 550 5.1.1 <ann@example.com>... User unknown
                550 5.1.1 <ann@example.com>... User unknown
                """));
        BouncedRecipient ann = only(parsed);
        assertBounce(ann, "ann@example.com", BounceType.HARD, "userunknown");
        assertEquals("5.1.1", ann.status());
    }

    @Test
    void oldPostfixTextOnlyWithTwoRecipients() {
        ParsedMail parsed = parse(plain("MAILER-DAEMON@mx.example.net (Mail Delivery System)",
                "Undelivered Mail Returned to Sender", "", """
                This is the mail system at host mx.example.net.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <ann@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1
                    <ann@example.com>: Recipient address rejected: User unknown in local
                    recipient table (in reply to RCPT TO command)

                <bob@example.org>: host mx.example.org[192.0.2.2] said: 554 5.7.1
                    Service unavailable; Client host [198.51.100.3] blocked using
                    b.barracudacentral.org (in reply to RCPT TO command)
                """));
        assertEquals(2, parsed.recipients().size());
        assertBounce(parsed.recipients().get(0), "ann@example.com", BounceType.HARD, "userunknown");
        assertBounce(parsed.recipients().get(1), "bob@example.org", BounceType.SOFT, "blocked");
    }

    @Test
    void exchangeNonDeliveryReport() {
        ParsedMail parsed = parse(plain("System Administrator <postmaster@example.com>", "Undeliverable: November news", "",
                """
                Your message

                  To:      ann@example.com
                  Subject: November news
                  Sent:    Sun, 22 Nov 2026 09:59:58 +0000

                did not reach the following recipient(s):

                ann@example.com on Sun, 22 Nov 2026 10:00:00 +0000
                    The recipient name is not recognized
                    MSEXCH:IMS:EXAMPLE:MAIL:MX01 0 (000C05A6) Unknown Recipient
                """));
        assertBounce(only(parsed), "ann@example.com", BounceType.HARD, "userunknown");
    }

    @Test
    void office365RecipientNotFound() {
        ParsedMail parsed = parse(dsn("Undeliverable: November news", """
                Delivery has failed to these recipients or groups:

                ann@example.com<mailto:ann@example.com>
                The email address wasn't found at the destination domain. It might be misspelled or it might not exist
                any longer. Try retyping the address and resending the message.
                """,
                recipientStatus("ann@example.com", "failed", "5.1.10",
                        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"),
                campaignHeaders("ann@example.com")));
        assertBounce(only(parsed), "ann@example.com", BounceType.HARD, "userunknown");
    }

    @Test
    void outlookComDomainNotReachable() {
        ParsedMail parsed = parse(dsn("Delivery Status Notification (Failure)", "Delivery failed.\n",
                recipientStatus("ann@nowhere.example", "failed", "5.5.0",
                        "554 The mail could not be delivered to the recipient because the domain is not reachable."
                                + " Please check the domain and try again"),
                campaignHeaders("ann@nowhere.example")));
        assertBounce(only(parsed), "ann@nowhere.example", BounceType.HARD, "hostunknown");
    }

    @Test
    void gmailPlainTextBounce() {
        ParsedMail parsed = parse(plain("Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                "Delivery Status Notification (Failure)", "X-Failed-Recipients: ann@example.com\n", """
                Delivery to the following recipient failed permanently:

                     ann@example.com

                Technical details of permanent failure:
                Google tried to deliver your message, but it was rejected by the server for the recipient domain
                example.com by mx.example.com. [192.0.2.1].

                The error that the other server returned was:
                552 5.2.2 The email account that you tried to reach is over quota.

                ----- Original message -----

                %s
                """.formatted(campaignHeaders("ann@example.com"))));
        assertBounce(only(parsed), "ann@example.com", BounceType.SOFT, "mailboxfull");
    }

    @Test
    void yahooFailureNotice() {
        ParsedMail parsed = parse(plain("MAILER-DAEMON@yahoo.com", "Failure Notice", "", """
                Sorry, we were unable to deliver your message to the following address.

                <ann@example.com>:
                Remote host said: 550 5.1.1 <ann@example.com>... User Unknown [RCPT_TO]

                --- Below this line is a copy of the message.

                %s
                """.formatted(campaignHeaders("ann@example.com"))));
        assertBounce(only(parsed), "ann@example.com", BounceType.HARD, "userunknown");
    }

    @Test
    void userUnknownQuotedAfterDataWithoutAddressCodeIsTheFilterAnswer() {
        ParsedMail parsed = parse(plain("MAILER-DAEMON@yahoo.com", "Failure Notice", "", """
                Sorry, we were unable to deliver your message to the following address.

                <ann@example.jp>:
                550: : User unknown

                --- Below this line is a copy of the message.
                """));
        assertBounce(only(parsed), "ann@example.jp", BounceType.SOFT, "filtered");
    }

    @Test
    void amazonSesNotificationSentByMail() {
        String bounce = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bounceSubType\":\"General\",\"bouncedRecipients\":[{\"emailAddress\":\"ann@example.com\","
                + "\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}]},"
                + "\"mail\":{\"source\":\"news@lists.example.org\"}}";
        String body = "{\n  \"Type\" : \"Notification\",\n  \"Message\" : \"" + bounce.replace("\"", "\\\"") + "\"\n}\n";
        ParsedMail parsed = parse(plain("AWS Notifications <no-reply@sns.amazonaws.com>", "AWS Notification Message", "", body));
        BouncedRecipient ann = only(parsed);
        assertBounce(ann, "ann@example.com", BounceType.HARD, "userunknown");
        assertEquals("5.1.1", ann.status());

        String complaint = "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":"
                + "[{\"emailAddress\":\"bob@example.org\"}],\"complaintFeedbackType\":\"abuse\"}}";
        ParsedMail complained = parse(plain("AWS Notifications <no-reply@sns.amazonaws.com>", "AWS Notification Message", "",
                "{\n  \"Message\" : \"" + complaint.replace("\"", "\\\"") + "\"\n}\n"));
        assertBounce(only(complained), "bob@example.org", BounceType.COMPLAINT, "feedback");
    }

    @Test
    void autoRepliesAreNotBounces() {
        ParsedMail vacation = parse("""
                From: Ann <ann@example.com>
                To: news@lists.example.org
                Subject: Out of Office: November news
                Auto-Submitted: auto-replied
                Message-ID: <ooo-1@example.com>

                I am away until Monday and will read your message when I am back.
                """);
        assertEquals(Verdict.NOT_BOUNCE, vacation.verdict());
        ParsedMail autoReply = parse("""
                From: Ann <ann@example.com>
                To: news@lists.example.org
                Subject: Automatic reply: November news
                X-Autoreply: yes

                Thanks for your message.
                """);
        assertEquals(Verdict.NOT_BOUNCE, autoReply.verdict());
    }

    @Test
    void ordinaryMailIsUnrelated() {
        ParsedMail parsed = parse("""
                From: Bob <bob@example.org>
                To: news@lists.example.org
                Subject: Re: November news
                Message-ID: <reply-1@example.org>

                Thanks, great newsletter! Write to me at bob.private@example.org.
                """);
        assertEquals(Verdict.UNRELATED, parsed.verdict());
        assertTrue(parsed.recipients().isEmpty());
    }

    @Test
    void aPersonWritingAboutAnUndeliverableMessageIsNotABounce() {
        ParsedMail parsed = parse("""
                Return-Path: <bob@example.org>
                From: Bob <bob@example.org>
                To: news@lists.example.org
                Subject: Re: November news

                Your last issue was undeliverable to my colleague joe@example.org, could you check?
                """);
        assertEquals(Verdict.UNRELATED, parsed.verdict());
    }

    @Test
    void aBounceThatNamesNoRecipientIsUnparseable() {
        ParsedMail parsed = parse(plain("MAILER-DAEMON@mx.example.net", "Undelivered Mail Returned to Sender", "",
                "Your message could not be delivered. Contact your administrator.\n"));
        assertEquals(Verdict.UNPARSEABLE, parsed.verdict());
    }

    @Test
    void brokenMimeNeverThrows() {
        byte[] broken = "Content-Type: multipart/report; boundary=\"X\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%"
                .getBytes(StandardCharsets.US_ASCII);
        ParsedMail parsed = parser.parse(broken);
        assertFalse(parsed.verdict() == Verdict.BOUNCE);
        assertEquals(Verdict.UNRELATED, parser.parse(new byte[0]).verdict());
    }

    @Test
    void subscriberFromVerpReturnPathWhenNoHeaderIsReturned() {
        String message = plain("MAILER-DAEMON@mx.example.net", "failure notice", "", """
                <ann@example.com>:
                Remote host said: 550 5.1.1 unknown user (in reply to RCPT TO command)
                """).replace("To: news@lists.example.org", "To: bounces+" + SUBSCRIBER + "@lists.example.org");
        ParsedMail parsed = parse(message);
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
        assertNull(parsed.campaignUuid());

        BounceParser custom = new BounceParser(Pattern.compile("^b-(?<subscriber>[0-9a-f-]{36})-(?<campaign>[0-9a-f-]{36})@"));
        String both = message.replace("bounces+" + SUBSCRIBER, "b-" + SUBSCRIBER + "-" + CAMPAIGN);
        ParsedMail withCampaign = custom.parse(bytes(both));
        assertEquals(SUBSCRIBER, withCampaign.subscriberUuid());
        assertEquals(CAMPAIGN, withCampaign.campaignUuid());
    }

    @Test
    void stmailsHeadersAreReadToo() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Failed.\n",
                recipientStatus("ann@example.com", "failed", "5.1.1", "550 5.1.1 user unknown"),
                "To: ann@example.com\nX-Stmails-Subscriber: " + SUBSCRIBER + "\nX-Stmails-Campaign: " + CAMPAIGN + "\n"));
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
        assertEquals(CAMPAIGN, parsed.campaignUuid());
    }

    @Test
    void oldMacLineEndingsAreRead() {
        String dsn = dsn("Undelivered Mail Returned to Sender", "Failed.\n",
                recipientStatus("ann@example.com", "failed", "5.1.1", "550 5.1.1 user unknown"), campaignHeaders("ann@example.com"));
        ParsedMail parsed = parser.parse(dsn.replace("\n", "\r").getBytes(StandardCharsets.UTF_8));
        assertBounce(only(parsed), "ann@example.com", BounceType.HARD, "userunknown");
    }

    @Test
    void aForwardedBounceIsReadFromTheForwardedPart() {
        ParsedMail parsed = parse("""
                From: Carol <carol@lists.example.org>
                To: news@lists.example.org
                Subject: Fwd: have a look at this
                Content-Type: text/plain

                Begin forwarded message:

                > From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>
                > Subject: Returned mail: see transcript for details
                >
                >    ----- The following addresses had permanent fatal errors -----
                > <ann@example.com>
                >     (reason: 550 5.1.1 <ann@example.com>... User unknown)
                """);
        assertBounce(only(parsed), "ann@example.com", BounceType.HARD, "userunknown");
    }
}
