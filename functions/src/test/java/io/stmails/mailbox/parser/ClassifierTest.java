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
    void theReportersOwnWordsAreTrusted() {
        assertEquals(BounceType.HARD, classify("", "Unknown user: ann@example.com").type());
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
}
