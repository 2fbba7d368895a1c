package io.stmails.providers.lettermint;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.config.InvalidSettingsException;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.http.HttpRequest;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderFixtures;
import io.stmails.providers.RejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LettermintTest {
    private static final String SECRET = "lm-test-signing-secret";
    private final Provider lettermint = ProviderFixtures.provider(Lettermint.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"hard-bounced", "soft-bounced", "spam-complaint", "delivered", "webhook-test"})
    void signedFixturesVerify(String fixture) {
        lettermint.verify(providerRequest("lettermint", fixture), credentials(Lettermint.NAME), SIGNED_AT);
    }

    @Test
    void wrongSecretIsRejected() {
        ProviderCredentials other = ProviderFixtures.credentials(Lettermint.NAME, "signing_secret", "another-secret");
        assertThrows(RejectedException.class,
                () -> lettermint.verify(providerRequest("lettermint", "hard-bounced"), other, SIGNED_AT));
    }

    @Test
    void tamperedBodyIsRejected() {
        HttpRequest original = request("lettermint", "hard-bounced");
        HttpRequest tampered = ProviderFixtures.withBody(original, original.bodyText() + " ");
        assertThrows(RejectedException.class,
                () -> lettermint.verify(providerRequest(tampered), credentials(Lettermint.NAME), SIGNED_AT));
    }

    @Test
    void timestampOutsideThreeHundredSecondsIsRejected() {
        lettermint.verify(providerRequest("lettermint", "hard-bounced"), credentials(Lettermint.NAME), SIGNED_AT.plusSeconds(300));
        assertThrows(RejectedException.class, () -> lettermint.verify(providerRequest("lettermint", "hard-bounced"),
                credentials(Lettermint.NAME), SIGNED_AT.plusSeconds(301)));
        assertThrows(RejectedException.class, () -> lettermint.verify(providerRequest("lettermint", "hard-bounced"),
                credentials(Lettermint.NAME), SIGNED_AT.minusSeconds(301)));
    }

    @Test
    void timestampIsPartOfTheSignedContent() {
        HttpRequest original = request("lettermint", "hard-bounced");
        String header = original.header(Lettermint.SIGNATURE_HEADER).orElseThrow();
        HttpRequest moved = ProviderFixtures.withHeader(original, Lettermint.SIGNATURE_HEADER,
                header.replace("t=" + SIGNED_AT.getEpochSecond(), "t=" + (SIGNED_AT.getEpochSecond() + 1)));
        assertThrows(RejectedException.class,
                () -> lettermint.verify(providerRequest(moved), credentials(Lettermint.NAME), SIGNED_AT));
    }

    @Test
    void anyOfSeveralSignaturesMayMatchAndSpacesAreTrimmed() {
        HttpRequest original = request("lettermint", "hard-bounced");
        String good = ProviderFixtures.hmacHex(SECRET, (SIGNED_AT.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8),
                original.body());
        HttpRequest rotated = ProviderFixtures.withHeader(original, Lettermint.SIGNATURE_HEADER,
                " t=" + SIGNED_AT.getEpochSecond() + " , v1=" + "00".repeat(32) + ", v1=" + good + " ");
        lettermint.verify(providerRequest(rotated), credentials(Lettermint.NAME), SIGNED_AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1=abcd", "t=1772445600", "t=soon,v1=abcd", "t=1772445600,v1=not-hex", "garbage"})
    void missingOrMalformedSignatureHeaderIsRejected(String header) {
        HttpRequest request = header.isEmpty()
                ? ProviderFixtures.withoutHeader(request("lettermint", "hard-bounced"), Lettermint.SIGNATURE_HEADER)
                : ProviderFixtures.withHeader(request("lettermint", "hard-bounced"), Lettermint.SIGNATURE_HEADER, header);
        assertThrows(RejectedException.class,
                () -> lettermint.verify(providerRequest(request), credentials(Lettermint.NAME), SIGNED_AT));
    }

    @Test
    void secretNotConfiguredFailsClosed() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> lettermint.verify(
                providerRequest("lettermint", "hard-bounced"), new ProviderCredentials(Lettermint.NAME, null), SIGNED_AT));
        assertTrue(e.getMessage().contains("providers.lettermint.signing_secret"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"hard-bounced, HARD", "soft-bounced, SOFT", "spam-complaint, COMPLAINT"})
    void bounceEvents(String fixture, BounceType expected) {
        assertEquals(expected, only(lettermint.parse(providerRequest("lettermint", fixture)).bounces()).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delivered", "webhook-test"})
    void otherEventsAreIgnored(String fixture) {
        assertEquals(List.of(), lettermint.parse(providerRequest("lettermint", fixture)).bounces());
    }

    @Test
    void hardBounceLinksFromHeaders() {
        BounceEvent bounce = only(lettermint.parse(providerRequest("lettermint", "hard-bounced")).bounces());
        assertEquals("gone.user@example.org", bounce.email());
        assertEquals(CAMPAIGN, bounce.campaignUuid());
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());
        assertEquals(Instant.parse("2026-03-02T09:59:40Z"), bounce.occurredAt());
        assertEquals("lettermint:evt_01JN8ZM1A2B3C4D5E6F7G8H9J0|message.hard_bounced|msg_01JN8ZK3Q7W2V5X9Y4T6R1P0M8|Gone.User@example.org",
                bounce.dedupeKey());
    }

    @Test
    void softBounceLinksFromListmonksMetadataKey() {
        BounceEvent bounce = only(lettermint.parse(providerRequest("lettermint", "soft-bounced")).bounces());
        assertEquals(CAMPAIGN, bounce.campaignUuid());
        assertNull(bounce.subscriberUuid());
    }

    private static BounceEvent only(List<BounceEvent> bounces) {
        assertEquals(1, bounces.size(), bounces::toString);
        return bounces.get(0);
    }
}
