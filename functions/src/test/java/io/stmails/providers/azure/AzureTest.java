package io.stmails.providers.azure;

import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
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
import io.stmails.providers.InvalidPayloadException;
import io.stmails.providers.ParsedWebhook;
import io.stmails.providers.ProviderCredentials;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderFixtures;
import io.stmails.providers.RejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AzureTest {
    private static final String SECRET = "azure-test-shared-secret";
    private final Provider azure = ProviderFixtures.provider(Azure.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"subscription-validation", "delivery-report-bounced", "delivery-report-batch"})
    void secretInTheQueryStringIsAccepted(String fixture) {
        azure.verify(providerRequest("azure", fixture), credentials(Azure.NAME), SIGNED_AT);
    }

    @Test
    void secretInTheDefaultOrAConfiguredHeaderIsAccepted() {
        HttpRequest noQuery = ProviderFixtures.withQuery(request("azure", "delivery-report-bounced"), "");
        azure.verify(providerRequest(ProviderFixtures.withHeader(noQuery, "X-Listmonk-Webhook-Secret", SECRET)),
                credentials(Azure.NAME), SIGNED_AT);

        Provider custom = ProviderFixtures.provider(Azure.NAME, "{\"shared_secret_header\": \"X-Bounce-Token\"}");
        custom.verify(providerRequest(ProviderFixtures.withHeader(noQuery, "x-bounce-token", SECRET)),
                credentials(Azure.NAME), SIGNED_AT);
        assertThrows(RejectedException.class, () -> custom.verify(
                providerRequest(ProviderFixtures.withHeader(noQuery, "X-Listmonk-Webhook-Secret", SECRET)),
                credentials(Azure.NAME), SIGNED_AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "code=", "code=wrong-secret", "code=azure-test-shared-secretX", "other=azure-test-shared-secret"})
    void missingOrWrongSecretIsRejectedEvenForTheHandshake(String query) {
        for (String fixture : List.of("subscription-validation", "delivery-report-bounced")) {
            HttpRequest request = ProviderFixtures.withQuery(request("azure", fixture), query);
            assertThrows(RejectedException.class,
                    () -> azure.verify(providerRequest(request), credentials(Azure.NAME), SIGNED_AT), fixture + "?" + query);
        }
    }

    @Test
    void secretNotConfiguredFailsClosedInsteadOfAcceptingEverything() {
        for (ProviderCredentials none : List.of(new ProviderCredentials(Azure.NAME, null),
                ProviderFixtures.credentials(Azure.NAME, "shared_secret", ""))) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                    () -> azure.verify(providerRequest("azure", "delivery-report-bounced"), none, SIGNED_AT));
            assertTrue(e.getMessage().contains("providers.azure.shared_secret"), e.getMessage());
        }
    }

    @Test
    void validationHandshakeEchoesTheCode() {
        ParsedWebhook reply = azure.parse(providerRequest("azure", "subscription-validation"));
        assertEquals(List.of(), reply.bounces());
        assertEquals("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}", reply.replyBody().orElseThrow().toString());
    }

    @Test
    void validationWithoutACodeIsInvalid() {
        HttpRequest request = ProviderFixtures.withBody(request("azure", "subscription-validation"), "[{\"data\":{}}]");
        assertThrows(InvalidPayloadException.class, () -> azure.parse(providerRequest(request)));
    }

    @Test
    void unexpectedDeliveryTypeOrShapeIsInvalid() {
        HttpRequest odd = ProviderFixtures.withHeader(request("azure", "delivery-report-bounced"), "aeg-event-type", "Unsubscribe");
        assertThrows(InvalidPayloadException.class, () -> azure.parse(providerRequest(odd)));
        HttpRequest object = ProviderFixtures.withBody(request("azure", "delivery-report-bounced"), "{\"eventType\":\"x\"}");
        assertThrows(InvalidPayloadException.class, () -> azure.parse(providerRequest(object)));
    }

    @Test
    void bouncedReportIsHardWithoutCampaign() {
        List<BounceEvent> bounces = azure.parse(providerRequest("azure", "delivery-report-bounced")).bounces();
        assertEquals(1, bounces.size());
        BounceEvent bounce = bounces.get(0);
        assertEquals("gone.user@example.org", bounce.email());
        assertEquals(BounceType.HARD, bounce.type());
        assertNull(bounce.campaignUuid());
        assertEquals(Instant.parse("2026-03-02T09:58:40.1234567Z"), bounce.occurredAt());
        assertTrue(bounce.dedupeKey().startsWith("azure:a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b|"), bounce.dedupeKey());
    }

    @Test
    void batchRecordsEachBouncedRecipientAndIgnoresTheRest() {
        List<BounceEvent> bounces = azure.parse(providerRequest("azure", "delivery-report-batch")).bounces();
        assertEquals(List.of(
                "gone.user@example.org=HARD",
                "full.mailbox@example.net=SOFT",
                "suppressed@example.com=HARD",
                "filtered@example.com=SOFT",
                "angry.reader@example.com=COMPLAINT"),
                bounces.stream().map(b -> b.email() + "=" + b.type()).toList());
        assertEquals(bounces.size(), bounces.stream().map(BounceEvent::dedupeKey).distinct().count());
    }

    @Test
    void headerlessNotificationIsTreatedAsEvents() {
        HttpRequest request = ProviderFixtures.withoutHeader(request("azure", "delivery-report-bounced"), "aeg-event-type");
        assertEquals(1, azure.parse(providerRequest(request)).bounces().size());
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "Bounced      | -                                              | HARD",
            "Suppressed   | -                                              | HARD",
            "Failed       | 550 5.1.1 user unknown                         | HARD",
            "Failed       | 550 5.1.10 RESOLVER.ADR.RecipientNotFound      | HARD",
            "Failed       | 452 4.2.2 mailbox over quota                   | SOFT",
            "Failed       | 250 2.0.0 then mailbox full                    | SOFT",
            "Failed       | Mailbox full                                   | SOFT",
            "Failed       | Temporary failure, try later                   | SOFT",
            "Failed       | Connection timeout                             | SOFT",
            "Failed       | Rate limit exceeded                            | SOFT",
            "Failed       | Throttled by recipient                         | SOFT",
            "Failed       | Invalid recipient                              | HARD",
            "Failed       | Mailbox does not exist                         | HARD",
            "Failed       | Unknown user                                   | HARD",
            "Failed       | Recipient domain has no MX                     | HARD",
            "Failed       | Something else went wrong                      | SOFT",
            "FilteredSpam | Identified as spam                             | SOFT",
            "FilteredSpam | Spam complaint from recipient                  | COMPLAINT",
            "Quarantined  | Recipient reported abuse                       | COMPLAINT",
            "Quarantined  | Held for review                                | SOFT",
            "Delivered    | No error.                                      | -",
            "Expanded     | -                                              | -",
            "Unknown      | -                                              | -",
    })
    void statusMapping(String status, String details, String expected) {
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), Azure.type(status, details == null ? "" : details));
    }
}
