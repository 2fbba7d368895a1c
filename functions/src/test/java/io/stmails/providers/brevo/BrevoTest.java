package io.stmails.providers.brevo;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.only;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BrevoTest {
    private final Provider brevo = ProviderFixtures.provider(Brevo.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"hard-bounce", "soft-bounce", "blocked", "spam", "complaint", "invalid-email", "deferred",
            "delivered", "marketing-hard-bounce", "batch-every-event"})
    void everyFixtureAuthenticatesWithTheTestCredentials(String fixture) {
        brevo.verify(providerRequest("brevo", fixture), credentials(Brevo.NAME), SIGNED_AT);
    }

    @Test
    void bearerTokenAloneOrBasicCredentialsAloneAreEnough() {
        brevo.verify(providerRequest("brevo", "hard-bounce"), credentials(Brevo.NAME, "token", "brevo-test-token"), SIGNED_AT);
        ProviderCredentials basicOnly = new ProviderCredentials(Brevo.NAME, ProviderFixtures.JSON.createObjectNode()
                .put("username", "brevo-hook").put("password", "test-password-2"));
        brevo.verify(providerRequest("brevo", "batch-every-event"), basicOnly, SIGNED_AT);
        assertThrows(RejectedException.class, () -> brevo.verify(providerRequest("brevo", "hard-bounce"), basicOnly, SIGNED_AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer brevo-test-tokem", "Bearer ", "brevo-test-token", "Basic YnJldm8taG9vazpndWVzcw=="})
    void wrongCredentialsAreRejected(String authorization) {
        HttpRequest forged = ProviderFixtures.withHeader(request("brevo", "hard-bounce"), "Authorization", authorization);
        assertThrows(RejectedException.class, () -> brevo.verify(providerRequest(forged), credentials(Brevo.NAME), SIGNED_AT));
    }

    @Test
    void missingAuthorizationIsRejected() {
        HttpRequest anonymous = ProviderFixtures.withoutHeader(request("brevo", "hard-bounce"), "Authorization");
        RejectedException e = assertThrows(RejectedException.class,
                () -> brevo.verify(providerRequest(anonymous), credentials(Brevo.NAME), SIGNED_AT));
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
    }

    @Test
    void tokenMayComeInACustomHeader() {
        Provider customHeader = ProviderFixtures.provider(Brevo.NAME, "{\"token_header\": \"X-Brevo-Token\"}");
        HttpRequest request = ProviderFixtures.withHeader(ProviderFixtures.withoutHeader(request("brevo", "spam"), "Authorization"),
                "X-Brevo-Token", "brevo-test-token");
        customHeader.verify(providerRequest(request), credentials(Brevo.NAME, "token", "brevo-test-token"), SIGNED_AT);
        assertThrows(RejectedException.class, () -> customHeader.verify(providerRequest("brevo", "spam"),
                credentials(Brevo.NAME, "token", "brevo-test-token"), SIGNED_AT));
    }

    @Test
    void storageFailuresAndMissingCredentialsAsk429BecauseBrevoDropsEventsOn5xx() {
        assertEquals(429, brevo.retryStatus());
        assertEquals(401, brevo.rejectedStatus());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> brevo.verify(
                providerRequest("brevo", "hard-bounce"), new ProviderCredentials(Brevo.NAME, null), SIGNED_AT));
        assertTrue(e.getMessage().contains("providers.brevo needs token, or username and password"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "hard-bounce,           gone.user@example.org,        HARD",
            "invalid-email,         no.such.user@example.invalid, HARD",
            "blocked,               suppressed@example.com,       HARD",
            "soft-bounce,           full.mailbox@example.net,     SOFT",
            "spam,                  complainer@example.com,       COMPLAINT",
            "complaint,             angry.reader@example.com,     COMPLAINT",
            "deferred,              -,                            -",
            "delivered,             -,                            -",
    })
    void singleEvents(String fixture, String email, BounceType type) {
        ProviderFixtures.assertFixtureRecords(brevo, fixture, email, type);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "hard_bounce, HARD", "invalid_email, HARD", "blocked, HARD", "soft_bounce, SOFT", "spam, COMPLAINT",
            "complaint, COMPLAINT", "Hard_Bounce, HARD", "deferred, -", "error, -", "request, -", "delivered, -",
            "click, -", "opened, -", "unique_opened, -", "proxy_open, -", "unique_proxy_open, -", "unsubscribed, -",
    })
    void mapping(String event, String expected) {
        String body = "{\"event\":\"" + event + "\",\"email\":\"a@example.com\",\"ts_epoch\":1}";
        List<BounceEvent> bounces = parseBody(body);
        assertEquals(expected == null ? List.of() : List.of(BounceType.valueOf(expected)),
                bounces.stream().map(BounceEvent::type).toList());
    }

    @Test
    void batchRecordsEachBounceOfTheArrayOnce() {
        List<BounceEvent> bounces = brevo.parse(providerRequest("brevo", "batch-every-event")).bounces();
        assertEquals(List.of(
                "gone.user@example.org=HARD",
                "full.mailbox@example.net=SOFT",
                "complainer@example.com=COMPLAINT",
                "angry.reader@example.com=COMPLAINT",
                "no.such.user@example.invalid=HARD",
                "suppressed@example.com=HARD"),
                bounces.stream().map(b -> b.email() + "=" + b.type()).toList());
        assertEquals(bounces.size(), bounces.stream().map(BounceEvent::dedupeKey).distinct().count());
    }

    @Test
    void theSameEventSingleOrBatchedHasTheSameDedupeKey() {
        BounceEvent single = only(brevo.parse(providerRequest("brevo", "hard-bounce")).bounces());
        BounceEvent batched = brevo.parse(providerRequest("brevo", "batch-every-event")).bounces().get(0);
        assertEquals(single.dedupeKey(), batched.dedupeKey());
        assertEquals("brevo:<202603020959.11111111111@smtp-relay.mailin.fr>||hard_bounce|gone.user@example.org|1772445580123",
                single.dedupeKey());
    }

    @Test
    void customHeaderJsonLinksCampaignAndSubscriberAndABareUuidTheCampaign() {
        BounceEvent hard = only(brevo.parse(providerRequest("brevo", "hard-bounce")).bounces());
        assertEquals(CAMPAIGN, hard.campaignUuid());
        assertEquals(SUBSCRIBER, hard.subscriberUuid());
        assertEquals(Instant.ofEpochMilli(1772445580123L), hard.occurredAt(), "ts_epoch, not the time-zone dependent ts");

        BounceEvent soft = only(brevo.parse(providerRequest("brevo", "soft-bounce")).bounces());
        assertEquals(CAMPAIGN, soft.campaignUuid());
        assertNull(soft.subscriberUuid());

        BounceEvent blocked = only(brevo.parse(providerRequest("brevo", "blocked")).bounces());
        assertEquals(CAMPAIGN, blocked.campaignUuid());
        assertNull(blocked.subscriberUuid(), "a malformed subscriber UUID is dropped, the bounce kept");
    }

    @Test
    void marketingEventsWithoutMessageIdOrEpochStillGetAStableKey() {
        BounceEvent marketing = only(brevo.parse(providerRequest("brevo", "marketing-hard-bounce")).bounces());
        assertEquals(BounceType.HARD, marketing.type());
        assertEquals("gone.user@example.org", marketing.email());
        assertNull(marketing.occurredAt(), "ts_event follows the account's time zone; the time of receipt is used");
        assertEquals("brevo:|42|hard_bounce|gone.user@example.org|1772445580", marketing.dedupeKey());
    }

    @Test
    void bodyThatIsNeitherAnObjectNorAnArrayOfObjectsIsInvalid() {
        assertThrows(InvalidPayloadException.class, () -> parseBody("\"hard_bounce\""));
        assertThrows(InvalidPayloadException.class, () -> parseBody("[{\"event\":\"spam\"}, 42]"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("{\"event\":"));
        assertEquals(List.of(), parseBody("[]"));
    }

    @Test
    void eventWithoutAnAddressIsSkippedNotTheBatch() {
        ObjectNode noEmail = ProviderFixtures.JSON.createObjectNode().put("event", "hard_bounce");
        List<BounceEvent> bounces = parseBody("[" + noEmail + ",{\"event\":\"spam\",\"email\":\"b@example.com\"}]");
        assertEquals(List.of("b@example.com"), bounces.stream().map(BounceEvent::email).toList());
    }

    private List<BounceEvent> parseBody(String body) {
        return brevo.parse(providerRequest(ProviderFixtures.withBody(request("brevo", "hard-bounce"), body))).bounces();
    }
}
