package io.stmails.providers.forwardemail;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.http.HttpRequest;
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderFixtures;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForwardEmailTest {
    private final Provider forwardEmail = ProviderFixtures.provider(ForwardEmail.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"bounce-recipient", "bounce-greylist", "bounce-spam-block"})
    void signedFixturesVerify(String fixture) {
        forwardEmail.verify(providerRequest("forwardemail", fixture), credentials(ForwardEmail.NAME), SIGNED_AT);
    }

    @Test
    void upperCaseHexIsAccepted() {
        HttpRequest request = request("forwardemail", "bounce-recipient");
        String upper = request.header(ForwardEmail.SIGNATURE_HEADER).orElseThrow().toUpperCase(Locale.ROOT);
        forwardEmail.verify(providerRequest(ProviderFixtures.withHeader(request, ForwardEmail.SIGNATURE_HEADER, upper)),
                credentials(ForwardEmail.NAME), SIGNED_AT);
    }

    @Test
    void wrongKeyIsRejected() {
        ProviderCredentials other = ProviderFixtures.credentials(ForwardEmail.NAME, "webhook_key", "rotated-key");
        assertThrows(RejectedException.class,
                () -> forwardEmail.verify(providerRequest("forwardemail", "bounce-recipient"), other, SIGNED_AT));
    }

    @Test
    void tamperedBodyIsRejected() {
        HttpRequest original = request("forwardemail", "bounce-recipient");
        HttpRequest tampered = ProviderFixtures.withBody(original, original.bodyText().replace("\"recipient\"", "\"recipient\" "));
        assertThrows(RejectedException.class,
                () -> forwardEmail.verify(providerRequest(tampered), credentials(ForwardEmail.NAME), SIGNED_AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zz-not-hex", "abc", "00"})
    void missingOrMalformedSignatureIsRejected(String signature) {
        HttpRequest request = signature.isEmpty()
                ? ProviderFixtures.withoutHeader(request("forwardemail", "bounce-recipient"), ForwardEmail.SIGNATURE_HEADER)
                : ProviderFixtures.withHeader(request("forwardemail", "bounce-recipient"), ForwardEmail.SIGNATURE_HEADER, signature);
        assertThrows(RejectedException.class,
                () -> forwardEmail.verify(providerRequest(request), credentials(ForwardEmail.NAME), SIGNED_AT));
    }

    @Test
    void keyNotConfiguredFailsClosed() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> forwardEmail.verify(
                providerRequest("forwardemail", "bounce-recipient"), new ProviderCredentials(ForwardEmail.NAME, null), SIGNED_AT));
        assertTrue(e.getMessage().contains("providers.forwardemail.webhook_key"), e.getMessage());
    }

    @Test
    void recipientCategoryIsHardAndLinksFromEchoedHeadersWhateverTheirCase() {
        BounceEvent bounce = only(forwardEmail.parse(providerRequest("forwardemail", "bounce-recipient")).bounces());
        assertEquals("gone.user@example.org", bounce.email());
        assertEquals(BounceType.HARD, bounce.type());
        assertEquals(CAMPAIGN, bounce.campaignUuid(), "sent as x-listmonk-campaign");
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());
        assertEquals(Instant.parse("2026-03-02T09:59:58.123Z"), bounce.occurredAt());
        assertEquals("forwardemail:65e2f9a0c1d2e3f405a6b7c8|gone.user@example.org|2026-03-02T09:59:58.123Z", bounce.dedupeKey());
    }

    @Test
    void greylistIsSoftAndSpamBlockIsHardAsForwardEmailSays() {
        assertEquals(BounceType.SOFT, only(forwardEmail.parse(providerRequest("forwardemail", "bounce-greylist")).bounces()).type());
        assertEquals(BounceType.HARD, only(forwardEmail.parse(providerRequest("forwardemail", "bounce-spam-block")).bounces()).type());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"recipient, HARD", "block, HARD", "spam, HARD", "virus, HARD", "Recipient, HARD", "rate, SOFT",
            "message, SOFT", "config, SOFT", "other, SOFT", "capacity, SOFT", "greylist, SOFT", "network, SOFT",
            "protocol, SOFT", "auth, SOFT", "blacklist, SOFT", "'', SOFT"})
    void categoryMapping(String category, BounceType expected) {
        ObjectNode payload = ProviderFixtures.JSON.createObjectNode();
        payload.putObject("bounce").put("category", category);
        assertEquals(expected, ForwardEmail.type(ProviderRequest.bind(payload, ForwardEmail.BounceReport.class)));
    }

    @Test
    void bounceWithoutCategoryIsSoft() {
        assertEquals(BounceType.SOFT, ForwardEmail.type(ProviderRequest.bind(ProviderFixtures.JSON.createObjectNode(), ForwardEmail.BounceReport.class)));
    }

    @Test
    void differentBouncesGetDifferentKeys() {
        assertNotEquals(only(forwardEmail.parse(providerRequest("forwardemail", "bounce-recipient")).bounces()).dedupeKey(),
                only(forwardEmail.parse(providerRequest("forwardemail", "bounce-greylist")).bounces()).dedupeKey());
    }

    @Test
    void bodyThatIsNotOneObjectIsInvalid() {
        HttpRequest array = ProviderFixtures.withBody(request("forwardemail", "bounce-recipient"), "[]");
        assertThrows(InvalidPayloadException.class, () -> forwardEmail.parse(providerRequest(array)));
    }

    @Test
    void payloadWithoutRecipientRecordsNothing() {
        HttpRequest noRecipient = ProviderFixtures.withBody(request("forwardemail", "bounce-recipient"),
                "{\"email_id\":\"x\",\"bounce\":{\"category\":\"recipient\"}}");
        assertEquals(List.of(), forwardEmail.parse(providerRequest(noRecipient)).bounces());
    }

    private static BounceEvent only(List<BounceEvent> bounces) {
        assertEquals(1, bounces.size(), bounces::toString);
        return bounces.get(0);
    }
}
