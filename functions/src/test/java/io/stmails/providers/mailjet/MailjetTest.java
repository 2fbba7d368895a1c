package io.stmails.providers.mailjet;

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
import io.stmails.providers.BasicAuth;
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderFixtures;
import io.stmails.providers.ProviderRequest;
import io.stmails.providers.RejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailjetTest {
    private final Provider mailjet = ProviderFixtures.provider(Mailjet.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"bounce-hard", "bounce-soft", "blocked-preblocked", "blocked-duplicate", "spam", "sent", "grouped-events"})
    void everyFixtureAuthenticatesWithTheTestCredentials(String fixture) {
        mailjet.verify(providerRequest("mailjet", fixture), credentials(Mailjet.NAME), SIGNED_AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic bWFpbGpldC1ob29rOmd1ZXNz", "Basic bWFpbGpldC1ob29r", "Bearer test-password-3"})
    void wrongCredentialsAreRejectedWithAChallenge(String authorization) {
        HttpRequest forged = ProviderFixtures.withHeader(request("mailjet", "bounce-hard"), "Authorization", authorization);
        RejectedException e = assertThrows(RejectedException.class,
                () -> mailjet.verify(providerRequest(forged), credentials(Mailjet.NAME), SIGNED_AT));
        assertEquals(Optional.of(BasicAuth.CHALLENGE), e.challenge());
    }

    @Test
    void missingAuthorizationIsRejectedAndMissingCredentialsFailClosed() {
        HttpRequest anonymous = ProviderFixtures.withoutHeader(request("mailjet", "bounce-hard"), "Authorization");
        assertThrows(RejectedException.class, () -> mailjet.verify(providerRequest(anonymous), credentials(Mailjet.NAME), SIGNED_AT));
        ProviderCredentials userOnly = credentials(Mailjet.NAME, "username", "mailjet-hook");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> mailjet.verify(providerRequest("mailjet", "bounce-hard"), userOnly, SIGNED_AT));
        assertTrue(e.getMessage().contains("providers.mailjet.password"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "bounce-hard,        gone.user@example.org,    HARD",
            "bounce-soft,        full.mailbox@example.net, SOFT",
            "blocked-preblocked, suppressed@example.com,   HARD",
            "spam,               angry.reader@example.com, COMPLAINT",
            "blocked-duplicate,  -,                        -",
            "sent,               -,                        -",
    })
    void singleObjects(String fixture, String email, BounceType type) {
        ProviderFixtures.assertFixtureRecords(mailjet, fixture, email, type);
    }

    @ParameterizedTest(name = "{0} hard_bounce={1} error={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "bounce,  true,  user unknown,          HARD",
            "bounce,  true,  -,                     HARD",
            "bounce,  false, quota exceeded,        SOFT",
            "bounce,  false, mailbox inactive,      SOFT",
            "bounce,  -,     -,                     SOFT",
            "bounce,  false, greylisted,            -",
            "bounce,  false, Greylisted,            -",
            "blocked, -,     preblocked,            HARD",
            "blocked, -,     blacklisted,           HARD",
            "blocked, -,     spam reporter,         HARD",
            "blocked, -,     typofix,               HARD",
            "blocked, -,     Preblocked,            HARD",
            "blocked, -,     duplicate in campaign, -",
            "blocked, -,     sender blocked,        -",
            "blocked, -,     content blocked,       -",
            "blocked, -,     policy issue,          -",
            "blocked, -,     -,                     -",
            "spam,    -,     -,                     COMPLAINT",
            "sent,    -,     -,                     -",
            "open,    -,     -,                     -",
            "click,   -,     -,                     -",
            "unsub,   -,     -,                     -",
    })
    void mapping(String event, Boolean hardBounce, String error, String expected) {
        ObjectNode node = ProviderFixtures.JSON.createObjectNode().put("event", event);
        if (hardBounce != null) {
            node.put("hard_bounce", hardBounce);
        }
        if (error != null) {
            node.put("error", error);
        }
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), Mailjet.type(ProviderRequest.bind(node, Mailjet.Event.class)));
    }

    @Test
    void groupedEventsRecordEachBounceOnce() {
        List<BounceEvent> bounces = mailjet.parse(providerRequest("mailjet", "grouped-events")).bounces();
        assertEquals(List.of(
                "gone.user@example.org=HARD",
                "full.mailbox@example.net=SOFT",
                "suppressed@example.com=HARD",
                "angry.reader@example.com=COMPLAINT"),
                bounces.stream().map(b -> b.email() + "=" + b.type()).toList());
    }

    @Test
    void theSameEventGroupedOrSingleHasTheSameDedupeKeyAndTheBigMessageIdSurvives() {
        BounceEvent single = only(mailjet.parse(providerRequest("mailjet", "bounce-hard")).bounces());
        BounceEvent grouped = mailjet.parse(providerRequest("mailjet", "grouped-events")).bounces().get(0);
        assertEquals(single.dedupeKey(), grouped.dedupeKey());
        assertEquals("mailjet:288230376151724089|bounce|gone.user@example.org|1772445580", single.dedupeKey(),
                "2^58 + 12345 exactly; a double would round it");
    }

    @Test
    void payloadJsonLinksBothCustomIdOrCampaignHeaderTheCampaign() {
        BounceEvent hard = only(mailjet.parse(providerRequest("mailjet", "bounce-hard")).bounces());
        assertEquals(SUBSCRIBER, hard.subscriberUuid());
        assertEquals(Instant.ofEpochSecond(1772445580), hard.occurredAt());

        BounceEvent soft = only(mailjet.parse(providerRequest("mailjet", "bounce-soft")).bounces());
        assertEquals(CAMPAIGN, soft.campaignUuid(), "from CustomID");
        assertNull(soft.subscriberUuid());

        BounceEvent byCampaignHeader = only(parseBody("{\"event\":\"spam\",\"email\":\"a@example.com\",\"time\":1,"
                + "\"Payload\":\"\",\"CustomID\":\"order-7\",\"customcampaign\":\"" + CAMPAIGN + "\"}"));
        assertEquals(CAMPAIGN, byCampaignHeader.campaignUuid());
        BounceEvent unlinked = only(parseBody("{\"event\":\"spam\",\"email\":\"a@example.com\",\"time\":1,"
                + "\"Payload\":\"hello\",\"customcampaign\":\"march\"}"));
        assertNull(unlinked.campaignUuid());
    }

    @Test
    void bodyThatIsNotEventsIsInvalid() {
        assertThrows(InvalidPayloadException.class, () -> parseBody("[\"bounce\"]"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("42"));
        assertThrows(InvalidPayloadException.class, () -> parseBody(""));
    }

    private List<BounceEvent> parseBody(String body) {
        return mailjet.parse(providerRequest(ProviderFixtures.withBody(request("mailjet", "bounce-hard"), body))).bounces();
    }
}
