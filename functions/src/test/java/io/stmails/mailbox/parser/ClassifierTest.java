package io.stmails.mailbox.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.BounceType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static final Set<String> ANN = Set.of("ann@example.com");

    private static Classifier.Outcome classify(String status, String diagnostic) {
        return Classifier.classify(new Evidence(ANN, status, diagnostic, "", false, "", false, true, null));
    }

    @Test
    void theTextBeatsAGenericCode() {
        Classifier.Outcome full = classify("5.0.0", "550 Mailbox full, try again later");
        assertEquals(Reason.MAILBOX_FULL, full.reason());
        assertEquals(BounceType.SOFT, full.type());
    }

    @Test
    void aSpecificCodeBeatsAGenericWording() {
        assertEquals(Reason.USER_UNKNOWN, classify("5.1.1", "550 Requested action not taken: rejected").reason());
    }

    @Test
    void aMoreSpecificCodeInTheTextReplacesX00() {
        Classifier.Outcome outcome = classify("5.0.0", "550 5.1.1 <ann@example.com>: Recipient address rejected");
        assertEquals("5.1.1", outcome.status());
        assertEquals(BounceType.HARD, outcome.type());
    }

    @Test
    void refusalsAboutTheSenderAreNeverHard() {
        assertEquals(BounceType.SOFT, classify("5.1.8", "553 5.1.8 Domain of sender address does not exist").type());
        assertEquals(BounceType.SOFT,
                classify("", "550 5.1.1 user unknown (in reply to MAIL FROM command)").type());
        assertEquals(BounceType.SOFT,
                classify("5.7.1", "550 5.7.1 <news@lists.example.org>... Access denied: unknown address").type());
    }

    @Test
    void aBareRefusalAtRcptIsAnUnknownRecipient() {
        assertEquals(Reason.USER_UNKNOWN,
                classify("5.0.0", "550 <ann@example.com>: Recipient address rejected. (in reply to RCPT TO command)").reason());
    }

    @Test
    void userUnknownAfterDataWithoutAnAddressCodeIsFiltered() {
        assertEquals(Reason.FILTERED, classify("", "550 User unknown (in reply to end of DATA command)").reason());
        assertEquals(Reason.USER_UNKNOWN, classify("5.1.1", "550 5.1.1 User unknown (in reply to end of DATA command)").reason());
    }

    @Test
    void anMtasDocumentedWordingInItsOwnReportIsTrusted() {
        Classifier.Outcome imail = classify("", "Unknown user: ann@example.com");
        assertEquals(BounceType.HARD, imail.type());
        assertEquals(DecidedBy.MTA_FORMAT, imail.decidedBy());
    }

    @Test
    void anUnknownUserWordingWithNoCodeNoStageAndNoKnownFormatIsFiltered() {
        Classifier.Outcome bare = classify("", "ann@example.com [User unknown]");
        assertEquals(Reason.FILTERED, bare.reason());
        assertEquals(BounceType.SOFT, bare.type());
        assertEquals(BounceType.HARD, classify("", "ann@example.com [User unknown] (in reply to RCPT TO command)").type());
    }

    @Test
    void anAccountOnlyWordingNeedsSmtpEvidence() {
        assertEquals(BounceType.SOFT, classify("", "This user doesn't have a example.com account").type());
        assertEquals(BounceType.HARD,
                classify("", "This user doesn't have a example.com account (in reply to RCPT TO command)").type());
    }

    @Test
    void aTemporaryNameServerFailureIsANetworkError() {
        assertEquals(Reason.NETWORK_ERROR,
                classify("", "Name service error for domain example.com: Host not found, try again").reason());
        assertEquals(Reason.HOST_UNKNOWN,
                classify("", "Host or domain name not found. Name service error for name=example.com type=A").reason());
    }

    @Test
    void aContradictingSoftReasonFromTheReporterWins() {
        Classifier.Outcome outcome = Classifier.classify(new Evidence(ANN, "5.1.1",
                "550 5.1.1 <ann@example.com>... User Unknown", "", true, "Your message was rejected: mailbox is full", false, true, null));
        assertEquals(Reason.MAILBOX_FULL, outcome.reason());
    }

    @Test
    void theReportingMtasOwnCategoryIsUsed() {
        Classifier.Outcome outcome = Classifier.classify(new Evidence(ANN, "5.0.0",
                "554 delivery error", "", true, "", false, true, Reason.USER_UNKNOWN));
        assertEquals(BounceType.HARD, outcome.type());
    }

    @Test
    void theStageIsReadFromEachMtasWording() {
        assertEquals(SmtpCommand.RCPT, classify("", "550 5.1.1 unknown user (in reply to RCPT TO command)").command());
        assertEquals(SmtpCommand.MAIL, classify("", "SMTP error from remote mail server after pipelined MAIL FROM:<a@b.example> SIZE=1: 550 no").command());
        assertEquals(SmtpCommand.DATA, classify("", "SMTP error from remote mail server after end of data: 550 rejected").command());
        assertEquals(SmtpCommand.RCPT, classify("", "mx.example.com does not like recipient. Remote host said: 550 no").command());
        assertEquals(SmtpCommand.MAIL, classify("", "Connected to 192.0.2.1 but sender was rejected. Remote host said: 553 no").command());
        assertEquals(SmtpCommand.CONNECT, classify("", "host mx.example.com[192.0.2.1] refused to talk to me: 554 go away").command());
        assertEquals(SmtpCommand.DATA, classify("", "SMTP error from remote server for TEXT command, reply: 554 no").command());
    }

    @Test
    void userUnknownSaidAfterDataIsAContentFilter() {
        Classifier.Outcome outcome = classify("5.7.1", "550 5.7.1 User unknown (in reply to end of DATA command)");
        assertEquals(Reason.FILTERED, outcome.reason());
        assertEquals(BounceType.SOFT, outcome.type());
        assertEquals(SmtpCommand.DATA, outcome.command());
    }

    @Test
    void aDisabledMailboxCodeBeatsAUserUnknownWording() {
        Classifier.Outcome outcome = classify("5.2.1", "550 5.2.1 <ann@example.com>... User Unknown");
        assertEquals(Reason.SUSPENDED, outcome.reason());
        assertEquals(DecidedBy.STATUS, outcome.decidedBy());
        assertEquals(BounceType.SOFT, outcome.type());
    }

    @Test
    void aTemporaryReplyCodeKeepsAnyWordingSoft() {
        Classifier.Outcome outcome = classify("", "450 4.1.1 <ann@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
        assertEquals(Reason.USER_UNKNOWN, outcome.reason());
        assertEquals(BounceType.SOFT, outcome.type());
        assertEquals("450", outcome.replyCode());
    }

    @Test
    void aHostThatAcceptsNoMailIsNotAccept() {
        assertEquals(Reason.NOT_ACCEPT, classify("", "host mx.example.com[192.0.2.1] refused to talk to me: 554 No SMTP service here").reason());
        Classifier.Outcome nullMx = classify("5.1.10", "556 5.1.10 Recipient address has null MX");
        assertEquals(Reason.NOT_ACCEPT, nullMx.reason());
        assertEquals(BounceType.HARD, nullMx.type());
        Classifier.Outcome reply521 = classify("", "521 mx.example.com does not accept mail (in reply to initial greeting)");
        assertEquals(Reason.NOT_ACCEPT, reply521.reason());
        assertEquals(BounceType.HARD, reply521.type());
    }

    @Test
    void aBlocklistedSenderAtConnectionIsBlockedNotHostUnknown() {
        Classifier.Outcome outcome = classify("", "host mx.example.com[192.0.2.1] refused to talk to me: 554 5.7.1 Service unavailable;"
                + " Client host [198.51.100.7] blocked using zen.spamhaus.org");
        assertEquals(Reason.BLOCKED, outcome.reason());
        assertEquals(BounceType.SOFT, outcome.type());
        assertEquals(BounceType.SOFT, classify("", "554 5.7.1 <unknown[198.51.100.7]>: Client host rejected: Domain not found"
                + " (in reply to RCPT TO command)").type());
    }

    @Test
    void aLocalMailerFailureIsAMailerError() {
        Classifier.Outcome unix = Classifier.classify(new Evidence(ANN, "5.0.0", "Command died with status 1: procmail", "x-unix",
                true, "", false, true, null));
        assertEquals(Reason.MAILER_ERROR, unix.reason());
        assertEquals(DecidedBy.MTA_FORMAT, unix.decidedBy());
        assertEquals(Reason.MAILER_ERROR, classify("5.3.0", "Command died with status 67: \"/usr/bin/deliver\". Command output: user unknown").reason());
    }

    @Test
    void weakEvidenceIsSoftWithLowConfidence() {
        Classifier.Outcome outcome = classify("", "Delivery to the following recipient failed");
        assertEquals(Confidence.LOW, outcome.confidence());
        assertEquals(BounceType.SOFT, outcome.type());
        Classifier.Outcome strong = classify("5.1.1", "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown");
        assertEquals(Confidence.HIGH, strong.confidence());
    }
}
