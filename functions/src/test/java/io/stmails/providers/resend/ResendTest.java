package io.stmails.providers.resend;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.only;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.stmails.providers.RejectedException;
import io.stmails.providers.Svix;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResendTest {
    private final Provider resend = ProviderFixtures.provider(Resend.NAME);
    private final ProviderCredentials secret = credentials(Resend.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"bounced-permanent", "bounced-transient", "bounced-suppressed", "complained", "delivered",
            "delivery-delayed"})
    void everySignedFixtureVerifiesWithTheTestSecret(String fixture) {
        resend.verify(providerRequest("resend", fixture), secret, SIGNED_AT);
    }

    @Test
    void wrongSecretTamperedBodyAndForeignSignatureAreRejected() {
        ProviderCredentials other = credentials(Resend.NAME, "signing_secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThrows(RejectedException.class, () -> resend.verify(providerRequest("resend", "bounced-permanent"), other, SIGNED_AT));

        HttpRequest original = request("resend", "bounced-permanent");
        HttpRequest tampered = ProviderFixtures.withBody(original, original.bodyText().replace("Permanent", "Transient"));
        assertThrows(RejectedException.class, () -> resend.verify(providerRequest(tampered), secret, SIGNED_AT));

        HttpRequest borrowed = ProviderFixtures.withHeader(original, Svix.SIGNATURE_HEADER,
                request("resend", "complained").header(Svix.SIGNATURE_HEADER).orElseThrow());
        assertThrows(RejectedException.class, () -> resend.verify(providerRequest(borrowed), secret, SIGNED_AT));
    }

    @Test
    void staleTimestampIsRejectedAndTheWindowIsConfigurable() {
        resend.verify(providerRequest("resend", "bounced-permanent"), secret, SIGNED_AT.plusSeconds(300));
        assertThrows(RejectedException.class,
                () -> resend.verify(providerRequest("resend", "bounced-permanent"), secret, SIGNED_AT.plusSeconds(301)));
        assertThrows(RejectedException.class,
                () -> resend.verify(providerRequest("resend", "bounced-permanent"), secret, SIGNED_AT.minusSeconds(301)));
        Provider tenMinutes = ProviderFixtures.provider(Resend.NAME, "{\"replay_window_seconds\": 600}");
        tenMinutes.verify(providerRequest("resend", "bounced-permanent"), secret, SIGNED_AT.plusSeconds(600));
    }

    @ParameterizedTest
    @ValueSource(strings = {Svix.ID_HEADER, Svix.TIMESTAMP_HEADER, Svix.SIGNATURE_HEADER})
    void missingSvixHeaderIsRejected(String header) {
        HttpRequest request = ProviderFixtures.withoutHeader(request("resend", "bounced-permanent"), header);
        RejectedException e = assertThrows(RejectedException.class, () -> resend.verify(providerRequest(request), secret, SIGNED_AT));
        assertTrue(e.getMessage().contains(header), e.getMessage());
    }

    @Test
    void rotatedSecretsSignTwiceAndEitherMatches() {
        HttpRequest original = request("resend", "bounced-permanent");
        String signature = original.header(Svix.SIGNATURE_HEADER).orElseThrow();
        HttpRequest rotated = ProviderFixtures.withHeader(original, Svix.SIGNATURE_HEADER,
                "v1,bm90IHRoZSBjdXJyZW50IHNlY3JldCdzIHNpZ25hdHVyZQ== " + signature);
        resend.verify(providerRequest(rotated), secret, SIGNED_AT);
    }

    @Test
    void missingOrMalformedSecretFailsClosed() {
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class, () -> resend.verify(
                providerRequest("resend", "bounced-permanent"), new ProviderCredentials(Resend.NAME, null), SIGNED_AT));
        assertTrue(missing.getMessage().contains("providers.resend.signing_secret"), missing.getMessage());
        assertThrows(InvalidSettingsException.class, () -> resend.verify(providerRequest("resend", "bounced-permanent"),
                credentials(Resend.NAME, "signing_secret", "whsec_***"), SIGNED_AT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "bounced-permanent,  gone.user@example.org,    HARD",
            "bounced-transient,  full.mailbox@example.net, SOFT",
            "bounced-suppressed, suppressed@example.com,   HARD",
            "complained,         angry.reader@example.com, COMPLAINT",
            "delivered,          -,                        -",
            "delivery-delayed,   -,                        -",
    })
    void fixtures(String fixture, String email, BounceType type) {
        ProviderFixtures.assertFixtureRecords(resend, fixture, email, type);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "email.bounced,          Permanent,    HARD",
            "email.bounced,          permanent,    HARD",
            "email.bounced,          -,            HARD",
            "email.bounced,          Transient,    SOFT",
            "email.bounced,          Undetermined, SOFT",
            "email.complained,       -,            COMPLAINT",
            "email.sent,             -,            -",
            "email.delivered,        -,            -",
            "email.delivery_delayed, -,            -",
            "email.opened,           -,            -",
            "email.clicked,          -,            -",
            "contact.created,        -,            -",
    })
    void mapping(String type, String bounceType, String expected) {
        ObjectNode event = ProviderFixtures.JSON.createObjectNode().put("type", type);
        if (bounceType != null) {
            event.putObject("data").putObject("bounce").put("type", bounceType).put("message", "...");
        }
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), Resend.type(event));
    }

    @Test
    void tagsLinkCampaignAndSubscriberAndTheEventTimeIsKept() {
        BounceEvent bounce = only(resend.parse(providerRequest("resend", "bounced-permanent")).bounces());
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());
        assertEquals(Instant.parse("2026-03-02T09:59:40.126Z"), bounce.occurredAt());
        assertEquals("resend:msg_2rKkP1mN8xYq3Z7vB5cD9eF0gH1|gone.user@example.org", bounce.dedupeKey());
    }

    @Test
    void tagsAsANameValueListAndListmonkHeadersLinkToo() {
        BounceEvent tagList = only(parseBody("{\"type\":\"email.bounced\",\"data\":{\"to\":[\"a@example.com\"],"
                + "\"tags\":[{\"name\":\"campaign_uuid\",\"value\":\"" + CAMPAIGN + "\"}]}}"));
        assertEquals(CAMPAIGN, tagList.campaignUuid());
        BounceEvent headers = only(parseBody("{\"type\":\"email.bounced\",\"data\":{\"to\":\"a@example.com\",\"tags\":{},"
                + "\"headers\":[{\"name\":\"X-Listmonk-Subscriber\",\"value\":\"" + SUBSCRIBER + "\"}]}}"));
        assertEquals(SUBSCRIBER, headers.subscriberUuid());
        assertNull(headers.campaignUuid());
    }

    @Test
    void everyListedRecipientIsRecordedEachWithItsOwnKey() {
        List<BounceEvent> bounces = parseBody("{\"type\":\"email.complained\",\"data\":{\"to\":[\"a@example.com\",\"B@example.com\"]}}");
        assertEquals(List.of("a@example.com", "b@example.com"), bounces.stream().map(BounceEvent::email).toList());
        assertEquals(2, bounces.stream().map(BounceEvent::dedupeKey).distinct().count());
    }

    @Test
    void retriesKeepTheSvixIdSoTheKeyIsStableAndADifferentDeliveryIdIsADifferentEvent() {
        HttpRequest original = request("resend", "bounced-permanent");
        String key = only(resend.parse(providerRequest(original)).bounces()).dedupeKey();
        HttpRequest retry = ProviderFixtures.signedSvix(original, original.body(), "msg_2rKkP1mN8xYq3Z7vB5cD9eF0gH1",
                SIGNED_AT.plusSeconds(3600));
        resend.verify(providerRequest(retry), secret, SIGNED_AT.plusSeconds(3600));
        assertEquals(key, only(resend.parse(providerRequest(retry)).bounces()).dedupeKey());

        HttpRequest other = ProviderFixtures.signedSvix(original, original.body(), "msg_other", SIGNED_AT);
        assertNotEquals(key, only(resend.parse(providerRequest(other)).bounces()).dedupeKey());
    }

    @Test
    void bodyThatIsNotOneEventIsInvalid() {
        assertThrows(InvalidPayloadException.class, () -> parseBody("[{\"type\":\"email.bounced\"}]"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("{\"type\":"));
    }

    private List<BounceEvent> parseBody(String body) {
        HttpRequest request = ProviderFixtures.signedSvix(request("resend", "bounced-permanent"), body.getBytes(StandardCharsets.UTF_8),
                "msg_test", SIGNED_AT);
        return resend.parse(providerRequest(request)).bounces();
    }
}
