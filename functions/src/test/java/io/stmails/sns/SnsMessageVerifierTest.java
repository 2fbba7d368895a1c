package io.stmails.sns;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsMessageVerifierTest {
    private static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:someone-elses-topic";

    private final RecordingCertificateSource certificates = new RecordingCertificateSource();
    private final SnsMessageVerifier verifier =
            new SnsMessageVerifier(Set.of(SnsTestKeys.TOPIC, OTHER_TOPIC), certificates);

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void acceptsBothSignatureVersions(String version) {
        assertDoesNotThrow(() -> verifier.verify(SnsTestKeys.notification("{\"notificationType\":\"Bounce\"}", version)));
        assertEquals(List.of(java.net.URI.create(SnsTestKeys.CERT_URL)), certificates.requested);
    }

    @Test
    void acceptsSubscriptionMessagesAndNonAsciiText() {
        SnsMessage subscription = SnsTestKeys.sign(SnsTestKeys.with(SnsTestKeys.notification("x", "2"))
                .type(SnsMessage.SUBSCRIPTION_CONFIRMATION).token("tok").build());
        SnsMessage unicode = SnsTestKeys.notification("{\"diagnosticCode\":\"accès refusé ✉\"}", "1");
        assertDoesNotThrow(() -> verifier.verify(subscription));
        assertDoesNotThrow(() -> verifier.verify(unicode));
    }

    @Test
    void refusesASignatureOfTheOtherVersion() {
        SnsMessage signedV1 = SnsTestKeys.notification("m", "1");
        refused(SnsTestKeys.with(signedV1).signatureVersion("2").build(), "does not match");
        refused(SnsTestKeys.with(signedV1).signatureVersion("3").build(), "unsupported SignatureVersion");
    }

    @Test
    void refusesASignatureFromAnotherKey() {
        SnsMessage forged = SnsTestKeys.sign(SnsTestKeys.notification("m", "2"), SnsTestKeys.strangerKey());
        refused(forged, "does not match");
    }

    @Test
    void refusesEverySignedFieldTampered() {
        SnsMessage original = SnsTestKeys.sign(SnsTestKeys.with(SnsTestKeys.notification("m", "2")).subject("s").build());
        refused(SnsTestKeys.with(original).message("m ").build(), "does not match");
        refused(SnsTestKeys.with(original).messageId("other").build(), "does not match");
        refused(SnsTestKeys.with(original).subject("t").build(), "does not match");
        refused(SnsTestKeys.with(original).subject(null).build(), "does not match");
        refused(SnsTestKeys.with(original).timestamp("2026-03-02T10:15:31.878Z").build(), "does not match");
        refused(SnsTestKeys.with(original).topicArn(OTHER_TOPIC).build(), "does not match");
        refused(SnsTestKeys.with(original).type(SnsMessage.SUBSCRIPTION_CONFIRMATION).token("t").build(), "does not match");
    }

    @Test
    void refusesTextSignedInAnotherEncoding() {
        SnsMessage message = SnsTestKeys.notification("accès", "2");
        String latin1 = SnsTestKeys.signature(new String(message.stringToSign(), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.ISO_8859_1), "2", SnsTestKeys.testKey());
        refused(SnsTestKeys.with(message).signature(latin1).build(), "does not match");
    }

    @Test
    void refusesTopicsOutsideTheAllowListBeforeFetchingAnything() {
        SnsMessage foreign = SnsTestKeys.sign(SnsTestKeys.with(SnsTestKeys.notification("m", "1"))
                .topicArn("arn:aws:sns:us-east-1:999999999999:attacker").build());
        refused(foreign, "not in the allow-list");
        SnsMessageVerifier nothingAllowed = new SnsMessageVerifier(Set.of(), certificates);
        SnsVerificationException e = assertThrows(SnsVerificationException.class,
                () -> nothingAllowed.verify(SnsTestKeys.notification("m", "1")));
        assertTrue(e.getMessage().contains("allow-list is empty"), e.getMessage());
        assertEquals(List.of(), certificates.requested);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem",
            "https://evil.example/SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.us-east-1.amazonaws.com@evil.example/SimpleNotificationService-stmailsTestOnly.pem",
            "https://evil.example#@sns.us-east-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.txt",
            "https://sns.us-east-1.amazonaws.com/certs/SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.us-east-1.amazonaws.com/../SimpleNotificationService-stmailsTestOnly.pem",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem?redirect=evil",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem#x",
            "https://s3.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem",
            "not a url at all",
            ""})
    void refusesForeignCertificateUrlsBeforeFetching(String url) {
        SnsMessage message = SnsTestKeys.sign(SnsTestKeys.with(SnsTestKeys.notification("m", "1")).signingCertUrl(url).build());
        refused(message, "SigningCertURL");
        assertEquals(List.of(), certificates.requested, "nothing may be fetched from " + url);
    }

    @Test
    void acceptsTheCertificateHostsOfEveryPartition() {
        assertDoesNotThrow(() -> SnsMessageVerifier.checkCertificateUrl(
                "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-3242342098.pem", "cn-north-1"));
        assertDoesNotThrow(() -> SnsMessageVerifier.checkCertificateUrl(
                "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc123.pem", "us-gov-west-1"));
        assertDoesNotThrow(() -> SnsMessageVerifier.checkCertificateUrl(
                "HTTPS://SNS.EU-WEST-1.AMAZONAWS.COM/SimpleNotificationService-abc123.pem", "eu-west-1"));
    }

    @Test
    void aCertificateThatCannotBeFetchedNowIsNotARefusal() {
        SnsMessageVerifier offline = new SnsMessageVerifier(Set.of(SnsTestKeys.TOPIC), url -> {
            throw new CertificateUnavailableException("connect timed out", null);
        });
        assertThrows(CertificateUnavailableException.class, () -> offline.verify(SnsTestKeys.notification("m", "1")));
    }

    @Test
    void refusesASignatureThatIsNotBase64() {
        refused(SnsTestKeys.with(SnsTestKeys.notification("m", "1")).signature("not base64 !").build(), "base64");
    }

    private void refused(SnsMessage message, String reason) {
        SnsVerificationException e = assertThrows(SnsVerificationException.class, () -> verifier.verify(message));
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    }
}
