package io.stmails.providers.mailgun;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.only;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailgunTest {
    private static final List<String> FIXTURES = List.of("failed-permanent", "failed-temporary", "failed-suppress-bounce",
            "failed-suppress-complaint", "failed-suppress-unsubscribe", "complained", "delivered");
    private final Provider mailgun = ProviderFixtures.provider(Mailgun.NAME);
    private final ProviderCredentials key = credentials(Mailgun.NAME);

    @Test
    void everySignedFixtureVerifiesWithTheTestKey() {
        for (String fixture : FIXTURES) {
            mailgun.verify(providerRequest("mailgun", fixture), key, SIGNED_AT);
        }
    }

    @Test
    void aRejectedSignatureIsAnswered406SoMailgunDoesNotRetry() {
        assertEquals(406, mailgun.rejectedStatus());
        assertEquals(503, mailgun.retryStatus());
    }

    @Test
    void wrongKeyIsRejected() {
        ProviderCredentials apiKey = credentials(Mailgun.NAME, "signing_key", "key-3ax6xnjp29jd6fds4gc373sgvjxteol0");
        RejectedException e = assertThrows(RejectedException.class,
                () -> mailgun.verify(providerRequest("mailgun", "failed-permanent"), apiKey, SIGNED_AT));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "token", "signature"})
    void everySignedFieldCounts(String field) {
        HttpRequest original = request("mailgun", "failed-permanent");
        ObjectNode body = (ObjectNode) ProviderFixtures.body(original);
        ObjectNode signature = (ObjectNode) body.get("signature");
        String value = signature.get(field).asText();
        signature.put(field, value.substring(0, value.length() - 1) + (value.endsWith("1") ? "2" : "1"));
        HttpRequest tampered = ProviderFixtures.withBody(original, body.toString());
        assertThrows(RejectedException.class, () -> mailgun.verify(providerRequest(tampered), key, SIGNED_AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "token", "signature"})
    void missingSignatureFieldIsRejectedNamingIt(String field) {
        HttpRequest original = request("mailgun", "failed-permanent");
        ObjectNode body = (ObjectNode) ProviderFixtures.body(original);
        ((ObjectNode) body.get("signature")).remove(field);
        RejectedException e = assertThrows(RejectedException.class, () -> mailgun.verify(
                providerRequest(ProviderFixtures.withBody(original, body.toString())), key, SIGNED_AT));
        assertTrue(e.getMessage().contains("signature." + field), e.getMessage());
    }

    @Test
    void bodyWithoutASignatureObjectOrWithJunkInItIsRejected() {
        HttpRequest original = request("mailgun", "failed-permanent");
        ObjectNode body = (ObjectNode) ProviderFixtures.body(original);
        body.remove("signature");
        assertThrows(RejectedException.class, () -> mailgun.verify(
                providerRequest(ProviderFixtures.withBody(original, body.toString())), key, SIGNED_AT));
        for (String junk : List.of("{\"timestamp\": null, \"token\": \"t\", \"signature\": \"00\"}",
                "{\"timestamp\": \"1772445600\", \"token\": {}, \"signature\": \"00\"}",
                "{\"timestamp\": \"yesterday\", \"token\": \"t\", \"signature\": \"00\"}",
                "{\"timestamp\": \"1772445600\", \"token\": \"t\", \"signature\": \"not hex\"}")) {
            body.set("signature", readTree(junk));
            assertThrows(RejectedException.class, () -> mailgun.verify(
                    providerRequest(ProviderFixtures.withBody(original, body.toString())), key, SIGNED_AT), junk);
        }
    }

    @Test
    void bodyThatIsNotJsonIsInvalidNotRejected() {
        HttpRequest legacyForm = ProviderFixtures.withBody(request("mailgun", "failed-permanent"),
                "timestamp=1772445600&token=abc&signature=00&event=bounced");
        assertThrows(InvalidPayloadException.class, () -> mailgun.verify(providerRequest(legacyForm), key, SIGNED_AT));
    }

    @Test
    void staleOrFutureTimestampIsRejectedAndTheWindowIsConfigurable() {
        mailgun.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.plusSeconds(300));
        mailgun.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.minusSeconds(300));
        RejectedException stale = assertThrows(RejectedException.class,
                () -> mailgun.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.plusSeconds(301)));
        assertTrue(stale.getMessage().contains("signature.timestamp"), stale.getMessage());
        assertThrows(RejectedException.class,
                () -> mailgun.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.minusSeconds(301)));

        Provider fifteenMinutes = ProviderFixtures.provider(Mailgun.NAME, "{\"replay_window_seconds\": 900}");
        fifteenMinutes.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.plusSeconds(900));
        assertThrows(RejectedException.class, () -> fifteenMinutes.verify(providerRequest("mailgun", "failed-permanent"), key,
                SIGNED_AT.plusSeconds(901)));
    }

    @Test
    void aTokenIsSpentOnlyOnceItsRequestIsAcknowledged() {
        ProviderRequest first = providerRequest("mailgun", "failed-permanent");
        mailgun.verify(first, key, SIGNED_AT);
        mailgun.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.plusSeconds(1));

        mailgun.acknowledged(first, SIGNED_AT.plusSeconds(1));

        RejectedException replay = assertThrows(RejectedException.class,
                () -> mailgun.verify(providerRequest("mailgun", "failed-permanent"), key, SIGNED_AT.plusSeconds(2)));
        assertTrue(replay.getMessage().contains("already used"), replay.getMessage());
        mailgun.verify(providerRequest("mailgun", "failed-temporary"), key, SIGNED_AT.plusSeconds(2));
        HttpRequest resigned = ProviderFixtures.signedMailgun(request("mailgun", "failed-permanent"), "a-new-token",
                SIGNED_AT.plusSeconds(60));
        mailgun.verify(providerRequest(resigned), key, SIGNED_AT.plusSeconds(61));
    }

    @Test
    void spentTokensAreKeptPerProviderInstanceThatIsPerRuntime() {
        ProviderRequest request = providerRequest("mailgun", "complained");
        mailgun.acknowledged(request, SIGNED_AT);
        ProviderFixtures.provider(Mailgun.NAME).verify(providerRequest("mailgun", "complained"), key, SIGNED_AT);
    }

    @Test
    void missingSigningKeyFailsClosedNamingTheField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> mailgun.verify(
                providerRequest("mailgun", "failed-permanent"), new ProviderCredentials(Mailgun.NAME, null), SIGNED_AT));
        assertTrue(e.getMessage().contains("providers.mailgun.signing_key"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "failed-permanent,            gone.user@example.org,    HARD",
            "failed-temporary,            full.mailbox@example.net, SOFT",
            "failed-suppress-bounce,      suppressed@example.com,   HARD",
            "failed-suppress-complaint,   complainer@example.com,   COMPLAINT",
            "complained,                  angry.reader@example.com, COMPLAINT",
            "failed-suppress-unsubscribe, -,                        -",
            "delivered,                   -,                        -",
    })
    void fixtures(String fixture, String email, BounceType type) {
        ProviderFixtures.assertFixtureRecords(mailgun, fixture, email, type);
    }

    @ParameterizedTest(name = "{0} severity={1} reason={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "failed,      permanent, bounce,               HARD",
            "failed,      permanent, suppress-bounce,      HARD",
            "failed,      permanent, old,                  HARD",
            "failed,      permanent, generic,              HARD",
            "failed,      permanent, espblock,             HARD",
            "failed,      Permanent, Suppress-Complaint,   COMPLAINT",
            "failed,      permanent, suppress-complaint,   COMPLAINT",
            "failed,      permanent, suppress-unsubscribe, -",
            "failed,      temporary, generic,              SOFT",
            "failed,      temporary, greylisted,           SOFT",
            "failed,      temporary, -,                    SOFT",
            "failed,      -,         -,                    HARD",
            "complained,  -,         -,                    COMPLAINT",
            "accepted,    -,         -,                    -",
            "rejected,    -,         -,                    -",
            "delivered,   -,         -,                    -",
            "opened,      -,         -,                    -",
            "clicked,     -,         -,                    -",
            "unsubscribed, -,        -,                    -",
            "bounced,     -,         -,                    -",
    })
    void mapping(String event, String severity, String reason, String expected) {
        ObjectNode node = ProviderFixtures.JSON.createObjectNode().put("event", event);
        if (severity != null) {
            node.put("severity", severity);
        }
        if (reason != null) {
            node.put("reason", reason);
        }
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), Mailgun.type(node));
    }

    @Test
    void userVariablesLinkCampaignAndSubscriberAndTheEventTimeIsKept() {
        BounceEvent bounce = only(mailgun.parse(providerRequest("mailgun", "failed-permanent")).bounces());
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());
        assertEquals(Instant.parse("2026-03-02T09:59:40.818328Z"), bounce.occurredAt());
        assertTrue(bounce.metaJson().contains("\"delivery-status\""), bounce.metaJson());
        assertFalse(bounce.metaJson().contains("\"signature\""), "meta is the event, not the signature");

        BounceEvent listmonkHeader = only(mailgun.parse(providerRequest("mailgun", "failed-temporary")).bounces());
        assertEquals(CAMPAIGN, listmonkHeader.campaignUuid());
        assertNull(listmonkHeader.subscriberUuid());
    }

    @Test
    void aRedeliverySignedAgainKeepsTheDedupeKeyAndDifferentEventsDiffer() {
        String key = only(mailgun.parse(providerRequest("mailgun", "failed-permanent")).bounces()).dedupeKey();
        HttpRequest resigned = ProviderFixtures.signedMailgun(request("mailgun", "failed-permanent"), "another-token",
                SIGNED_AT.plusSeconds(600));
        assertEquals(key, only(mailgun.parse(providerRequest(resigned)).bounces()).dedupeKey());
        assertTrue(key.startsWith("mailgun:G9Bn5sl1TC6nu79C8C0bwg|"), key);

        List<String> keys = FIXTURES.stream().flatMap(f -> mailgun.parse(providerRequest("mailgun", f)).bounces().stream())
                .map(BounceEvent::dedupeKey).toList();
        assertEquals(keys.size(), keys.stream().distinct().count(), keys::toString);
        assertNotEquals(key, only(mailgun.parse(providerRequest("mailgun", "failed-temporary")).bounces()).dedupeKey());
    }

    @Test
    void bodyWithoutEventDataIsInvalid() {
        HttpRequest original = request("mailgun", "failed-permanent");
        ObjectNode body = (ObjectNode) ProviderFixtures.body(original);
        body.remove("event-data");
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class,
                () -> mailgun.parse(providerRequest(ProviderFixtures.withBody(original, body.toString()))));
        assertTrue(e.getMessage().contains("event-data"), e.getMessage());
        assertThrows(InvalidPayloadException.class,
                () -> mailgun.parse(providerRequest(ProviderFixtures.withBody(original, "[]"))));
    }

    @Test
    void failureWithoutARecipientIsSkipped() {
        HttpRequest original = request("mailgun", "failed-permanent");
        ObjectNode body = (ObjectNode) ProviderFixtures.body(original);
        ((ObjectNode) body.get("event-data")).remove("recipient");
        assertEquals(List.of(), mailgun.parse(providerRequest(ProviderFixtures.withBody(original, body.toString()))).bounces());
    }

    private static JsonNode readTree(String json) {
        try {
            return ProviderFixtures.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
