package io.stmails.mailbox.parser;

import static io.stmails.mailbox.parser.Mails.SUBSCRIBER;
import static io.stmails.mailbox.parser.Mails.bytes;
import static io.stmails.mailbox.parser.Mails.campaignHeaders;
import static io.stmails.mailbox.parser.Mails.dsn;
import static io.stmails.mailbox.parser.Mails.recipientStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.domain.BounceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes of bounce the development corpus has few or none of, built small. */
class BeyondCorpusTest {
    private final BounceParser parser = new BounceParser();

    private ParsedMail parse(String message) {
        return parser.parse(bytes(message));
    }

    @Test
    void aReportNestedInMixedWithItsPartsInAnyOrder() {
        ParsedMail parsed = parse("""
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.net
                To: news@lists.example.org
                Subject: Undeliverable: November news
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="OUT"

                --OUT
                Content-Type: multipart/report; report-type=delivery-status; boundary="IN"

                --IN
                Content-Type: message/rfc822

                %s
                Hello Ann.

                --IN
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                %s
                --IN
                Content-Type: text/plain

                Delivery failed.
                --IN--
                --OUT--
                """.formatted(campaignHeaders("ann@example.com"),
                recipientStatus("ann@example.com", "failed", "5.1.1", "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown")));
        assertEquals(Verdict.BOUNCE, parsed.verdict(), parsed.explanation());
        BouncedRecipient ann = parsed.recipients().get(0);
        assertEquals("ann@example.com", ann.address());
        assertEquals(BounceType.HARD, ann.type());
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
    }

    @Test
    void severalRecipientsWithDifferentFatesInOneReport() {
        ParsedMail parsed = parse(dsn("Delivery Status Notification", "Some recipients failed.\n",
                recipientStatus("ann@example.com", "failed", "5.1.1", "550 5.1.1 <ann@example.com>... User unknown")
                        + "\n" + recipientStatus("bob@example.org", "delayed", "4.4.1", "421 4.4.1 connection timed out")
                        + "\n" + recipientStatus("cy@example.net", "delivered", "2.0.0", "250 2.0.0 OK")
                        + "\n" + recipientStatus("dee@example.com", "failed", "5.7.1",
                        "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org"),
                campaignHeaders("ann@example.com")));
        List<BouncedRecipient> recipients = parsed.recipients();
        assertEquals(List.of("ann@example.com", "bob@example.org", "dee@example.com"),
                recipients.stream().map(BouncedRecipient::address).toList());
        assertEquals(BounceType.HARD, recipients.get(0).type());
        assertFalse(recipients.get(0).delayed());
        assertTrue(recipients.get(1).delayed());
        assertEquals(BounceType.SOFT, recipients.get(1).type());
        assertEquals("blocked", recipients.get(2).reason());
        assertEquals(BounceType.SOFT, recipients.get(2).type());
    }

    @Test
    void aDelayedUnknownUserIsStillSoft() {
        BouncedRecipient ann = parse(dsn("Delivery delayed", "Still trying.\n",
                recipientStatus("ann@example.com", "delayed", "5.1.1", "550 5.1.1 user unknown"),
                campaignHeaders("ann@example.com"))).recipients().get(0);
        assertTrue(ann.delayed());
        assertEquals(BounceType.SOFT, ann.type());
    }

    @Test
    void encodedWordAndMixedCaseAddressesKeepTheirLocalPartAndLowerTheirDomain() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Failed.\n",
                recipientStatus("Ann.Lee@EXAMPLE.com", "failed", "5.1.1", "550 5.1.1 user unknown"),
                "To: =?utf-8?q?Ann_L=C3=A9e?= <Ann.Lee@Example.COM>\nX-Listmonk-Subscriber: " + SUBSCRIBER + "\n"));
        BouncedRecipient ann = parsed.recipients().get(0);
        assertEquals("Ann.Lee@example.com", ann.address());
        assertEquals(SUBSCRIBER, parsed.subscriberUuid());
    }

    @Test
    void aNonAsciiAddressInAGlobalReportIsRead() {
        String message = """
                Return-Path: <>
                From: MAILER-DAEMON@mx.example.net
                To: news@lists.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=global-delivery-status; boundary="B"

                --B
                Content-Type: text/plain; charset=utf-8

                Delivery failed.
                --B
                Content-Type: message/global-delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: utf-8; jörg@bücher.example
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 unknown user (in reply to RCPT TO command)
                --B--
                """;
        ParsedMail parsed = parser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.BOUNCE, parsed.verdict(), parsed.explanation());
        assertEquals("jörg@bücher.example", parsed.recipients().get(0).address());
        assertEquals(BounceType.HARD, parsed.recipients().get(0).type());
    }

    @Test
    void anXtextEncodedUtf8AddressIsDecoded() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Failed.\n", """
                Final-Recipient: utf-8; j\\x{00F6}rg@example.com
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 unknown user
                """, "To: news-reader@example.com\n"));
        assertEquals("jörg@example.com", parsed.recipients().get(0).address());
    }

    @Test
    void addressesAreComparedCaseInsensitivelyInTheDomainOnly() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Failed.\n",
                recipientStatus("Ann@Example.COM", "failed", "5.1.1", "550 5.1.1 user unknown")
                        + "\n" + recipientStatus("Ann@example.com", "failed", "5.1.1", "550 5.1.1 user unknown")
                        + "\n" + recipientStatus("ANN@example.com", "failed", "5.2.2", "552 5.2.2 mailbox full"),
                campaignHeaders("Ann@example.com")));
        assertEquals(List.of("Ann@example.com", "ANN@example.com"),
                parsed.recipients().stream().map(BouncedRecipient::address).toList());
        assertEquals(List.of(BounceType.HARD, BounceType.SOFT),
                parsed.recipients().stream().map(BouncedRecipient::type).toList());
    }

    @Test
    void aVerpReturnPathNamesTheRecipientABounceDoesNotName() {
        ParsedMail parsed = parse(Mails.plain("MAILER-DAEMON@mx.example.net", "Undeliverable mail",
                "Delivered-To: bounces+Ann.Lee=Example.COM@lists.example.org\n",
                "Your message could not be delivered: the mailbox does not exist.\n"));
        assertEquals(Verdict.BOUNCE, parsed.verdict(), parsed.explanation());
        assertEquals("Ann.Lee@example.com", parsed.recipients().get(0).address());
    }

    @Test
    void aVerpReturnPathDoesNotOverrideTheRecipientTheReportNames() {
        ParsedMail parsed = parse(dsn("Undelivered Mail Returned to Sender", "Failed.\n",
                recipientStatus("ann@example.net", "failed", "5.1.1", "550 5.1.1 user unknown"),
                campaignHeaders("ann@example.com")).replace("To: news@lists.example.org",
                "To: bounces+ann=example.com@lists.example.org"));
        assertEquals(List.of("ann@example.net"), parsed.recipients().stream().map(BouncedRecipient::address).toList());
    }

    @Test
    void anAutoReplyToAVerpAddressIsStillNotABounce() {
        ParsedMail parsed = parse("""
                From: Ann <ann@example.com>
                To: bounces+ann=example.com@lists.example.org
                Subject: Out of office
                Auto-Submitted: auto-replied

                I am away until Monday.
                """);
        assertEquals(Verdict.NOT_BOUNCE, parsed.verdict(), parsed.explanation());
    }

    @Test
    void theReturnedMessageIsReadWholeOrAsHeadersOnly() {
        String status = recipientStatus("ann@example.com", "failed", "5.1.1", "550 5.1.1 user unknown");
        String headersOnly = dsn("Undelivered Mail Returned to Sender", "Failed.\n", status, campaignHeaders("ann@example.com"));
        String whole = headersOnly.replace("Content-Type: text/rfc822-headers", "Content-Type: message/rfc822")
                .replace(campaignHeaders("ann@example.com"), campaignHeaders("ann@example.com") + "\nHello Ann.\n");
        for (String message : List.of(headersOnly, whole)) {
            ParsedMail parsed = parse(message);
            assertEquals(List.of("ann@example.com"), parsed.recipients().stream().map(BouncedRecipient::address).toList());
            assertEquals(SUBSCRIBER, parsed.subscriberUuid());
            assertEquals(Mails.CAMPAIGN, parsed.campaignUuid());
        }
    }

    @Test
    void anAutoReplyIsNeverABounceEvenWhenItTalksAboutDelivery() {
        ParsedMail parsed = parse("""
                From: Ann <ann@example.com>
                To: news@lists.example.org
                Subject: Auto: November news
                Auto-Submitted: auto-replied
                Message-ID: <ooo-2@example.com>

                I am out of the office. Mail sent to this address will not be read until Monday;
                urgent requests could not be delivered to me, please write to bob@example.com.
                """);
        assertEquals(Verdict.NOT_BOUNCE, parsed.verdict(), parsed.explanation());
    }

    @Test
    void theParseLineCarriesWhyAndHowSure() {
        BouncedRecipient ann = parse(dsn("Undelivered Mail Returned to Sender",
                "<ann@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <ann@example.com>:\n"
                        + "    Recipient address rejected: User unknown (in reply to RCPT TO command)\n",
                recipientStatus("ann@example.com", "failed", "5.1.1",
                        "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown"),
                campaignHeaders("ann@example.com"))).recipients().get(0);
        assertEquals("userunknown", ann.reason());
        assertEquals("550", ann.replyCode());
        assertEquals("RCPT", ann.command());
        assertEquals(DecidedBy.STATUS, ann.decidedBy());
        assertEquals(Confidence.HIGH, ann.confidence());
    }
}
