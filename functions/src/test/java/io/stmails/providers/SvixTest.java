package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.config.InvalidSettingsException;
import io.stmails.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SvixTest {
    /** The example of Svix's "verifying payloads manually" docs (also the Standard Webhooks test vector). */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void publishedExampleVerifies() {
        verify(request(SIGNATURE), SECRET, SIGNED_AT);
    }

    @Test
    void secretPastedWithoutItsPrefixOrWithSpacesWorks() {
        verify(request(SIGNATURE), SECRET.substring("whsec_".length()), SIGNED_AT);
        verify(request(SIGNATURE), " " + SECRET + "\n", SIGNED_AT);
    }

    @Test
    void anyOfSeveralSpaceSeparatedSignaturesMayMatch() {
        String other = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        verify(request(other + " " + SIGNATURE), SECRET, SIGNED_AT);
        verify(request(SIGNATURE + "  " + other), SECRET, SIGNED_AT);
        verify(request("v1a,c29tZSBlZDI1NTE5IHNpZ25hdHVyZQ== v1,!!garbled!! " + SIGNATURE), SECRET, SIGNED_AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1,AAAA", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "v1,!!!", "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="})
    void signaturesThatDoNotMatchOrAreNotV1AreRejected(String header) {
        assertThrows(RejectedException.class, () -> verify(request(header), SECRET, SIGNED_AT));
    }

    @Test
    void wrongSecretIsRejected() {
        String other = "whsec_" + Base64.getEncoder().encodeToString("another secret".getBytes(StandardCharsets.UTF_8));
        assertThrows(RejectedException.class, () -> verify(request(SIGNATURE), other, SIGNED_AT));
    }

    @Test
    void idTimestampAndBodyAreAllSigned() {
        HttpRequest original = request(SIGNATURE);
        assertThrows(RejectedException.class, () -> verify(
                ProviderFixtures.withHeader(original, Svix.ID_HEADER, "msg_other"), SECRET, SIGNED_AT));
        assertThrows(RejectedException.class, () -> verify(
                ProviderFixtures.withHeader(original, Svix.TIMESTAMP_HEADER, "1614265331"), SECRET, SIGNED_AT));
        assertThrows(RejectedException.class, () -> verify(
                ProviderFixtures.withBody(original, "{\"test\": 2432232315}"), SECRET, SIGNED_AT));
    }

    @Test
    void timestampOutsideTheWindowIsRejectedEitherWay() {
        verify(request(SIGNATURE), SECRET, SIGNED_AT.plusSeconds(300));
        verify(request(SIGNATURE), SECRET, SIGNED_AT.minusSeconds(300));
        RejectedException stale = assertThrows(RejectedException.class,
                () -> verify(request(SIGNATURE), SECRET, SIGNED_AT.plusSeconds(301)));
        assertTrue(stale.getMessage().contains(Svix.TIMESTAMP_HEADER), stale.getMessage());
        assertThrows(RejectedException.class, () -> verify(request(SIGNATURE), SECRET, SIGNED_AT.minusSeconds(301)));
        assertThrows(RejectedException.class, () -> verify(
                ProviderFixtures.withHeader(request(SIGNATURE), Svix.TIMESTAMP_HEADER, "soon"), SECRET, SIGNED_AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {Svix.ID_HEADER, Svix.TIMESTAMP_HEADER, Svix.SIGNATURE_HEADER})
    void missingHeaderIsRejectedNamingIt(String header) {
        RejectedException e = assertThrows(RejectedException.class,
                () -> verify(ProviderFixtures.withoutHeader(request(SIGNATURE), header), SECRET, SIGNED_AT));
        assertTrue(e.getMessage().contains(header), e.getMessage());
    }

    @Test
    void missingOrMalformedSecretFailsClosedWithoutEchoingIt() {
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class, () -> Svix.verify(
                ProviderFixtures.providerRequest(request(SIGNATURE)), new ProviderCredentials("acme", null), "signing_secret",
                SIGNED_AT, WINDOW));
        assertTrue(missing.getMessage().contains("providers.acme.signing_secret"), missing.getMessage());

        InvalidSettingsException malformed = assertThrows(InvalidSettingsException.class,
                () -> verify(request(SIGNATURE), "whsec_not base64!", SIGNED_AT));
        assertTrue(malformed.getMessage().contains("whsec_"), malformed.getMessage());
        assertFalse(malformed.getMessage().contains("not base64!"), "never echo the secret");
    }

    private static void verify(HttpRequest request, String secret, Instant now) {
        Svix.verify(ProviderFixtures.providerRequest(request), ProviderFixtures.credentials("acme", "signing_secret", secret),
                "signing_secret", now, WINDOW);
    }

    private static HttpRequest request(String signature) {
        return new HttpRequest("POST", "/webhooks/service/resend", Map.of(Svix.ID_HEADER, ID, Svix.TIMESTAMP_HEADER, TIMESTAMP,
                Svix.SIGNATURE_HEADER, signature), "", BODY.getBytes(StandardCharsets.UTF_8));
    }
}
