package io.stmails.providers.sendgrid;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
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
import io.stmails.providers.RejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendGridTest {
    /** SendGrid's published verification key and the instant just after its test vector was signed. */
    private static final String PUBLISHED_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    /** The "bad key" of SendGrid's SDK tests: a valid P-256 key that did not sign the vector. */
    private static final String OTHER_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";
    private static final Instant VECTOR_TIME = Instant.ofEpochSecond(1600112502);

    private final Provider sendGrid = ProviderFixtures.provider(SendGrid.NAME);

    @Test
    void publishedTestVectorVerifiesAndIsADroppedBouncedAddress() {
        HttpRequest vector = request("sendgrid", "published-test-vector");
        assertTrue(vector.bodyText().endsWith("}]\r\n"), "the signed bytes end in CRLF");

        sendGrid.verify(providerRequest(vector), key(PUBLISHED_KEY), VECTOR_TIME.plusSeconds(10));
        List<BounceEvent> bounces = sendGrid.parse(providerRequest(vector)).bounces();

        assertEquals(1, bounces.size());
        assertEquals("hello@world.com", bounces.get(0).email());
        assertEquals(BounceType.HARD, bounces.get(0).type());
        assertEquals(Instant.ofEpochSecond(1600112492), bounces.get(0).occurredAt());
    }

    @Test
    void publishedVectorFailsWithoutItsTrailingCrlf() {
        HttpRequest vector = request("sendgrid", "published-test-vector");
        HttpRequest trimmed = ProviderFixtures.withBody(vector, vector.bodyText().stripTrailing());
        assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest(trimmed), key(PUBLISHED_KEY), VECTOR_TIME));
    }

    @Test
    void keyIsAcceptedAsPemWithLineBreaksAndStraySpaces() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + PUBLISHED_KEY.substring(0, 64) + "\n  "
                + PUBLISHED_KEY.substring(64) + "\n-----END PUBLIC KEY-----\n";
        sendGrid.verify(providerRequest("sendgrid", "published-test-vector"), key(pem), VECTOR_TIME);
        sendGrid.verify(providerRequest("sendgrid", "published-test-vector"), key(" " + PUBLISHED_KEY + "\n"), VECTOR_TIME);
    }

    @Test
    void wrongKeyIsRejected() {
        assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest("sendgrid", "published-test-vector"), key(OTHER_KEY), VECTOR_TIME));
        assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest("sendgrid", "bounce"), key(PUBLISHED_KEY), SIGNED_AT));
    }

    @Test
    void everySignedFixtureVerifiesWithTheTestKey() {
        for (String name : List.of("batch-every-event", "bounce", "blocked", "dropped-bounced-address", "spamreport",
                "delivered-and-opened")) {
            sendGrid.verify(providerRequest("sendgrid", name), credentials(SendGrid.NAME), SIGNED_AT);
        }
    }

    @Test
    void tamperedBodyIsRejected() {
        HttpRequest original = request("sendgrid", "bounce");
        HttpRequest tampered = ProviderFixtures.withBody(original,
                original.bodyText().replace("gone.user@example.org", "gone.usex@example.org"));
        RejectedException e = assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest(tampered), credentials(SendGrid.NAME), SIGNED_AT));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void timestampHeaderThatWasNotSignedIsRejected() {
        HttpRequest moved = ProviderFixtures.withHeader(request("sendgrid", "bounce"),
                SendGrid.TIMESTAMP_HEADER, Long.toString(SIGNED_AT.getEpochSecond() + 1));
        assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest(moved), credentials(SendGrid.NAME), SIGNED_AT));
    }

    @Test
    void staleOrFutureTimestampsOutsideTheWindowAreRejected() {
        ProviderCredentials credentials = credentials(SendGrid.NAME);
        sendGrid.verify(providerRequest("sendgrid", "bounce"), credentials, SIGNED_AT.plusSeconds(300));
        sendGrid.verify(providerRequest("sendgrid", "bounce"), credentials, SIGNED_AT.minusSeconds(300));
        RejectedException stale = assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest("sendgrid", "bounce"), credentials, SIGNED_AT.plusSeconds(301)));
        assertTrue(stale.getMessage().contains("301 s"), stale.getMessage());
        assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest("sendgrid", "bounce"), credentials, SIGNED_AT.minusSeconds(301)));
        assertThrows(RejectedException.class, () -> sendGrid.verify(providerRequest("sendgrid", "published-test-vector"),
                key(PUBLISHED_KEY), VECTOR_TIME.plusSeconds(301)));
    }

    @Test
    void replayWindowIsConfigurable() {
        Provider hourWindow = ProviderFixtures.provider(SendGrid.NAME, "{\"replay_window_seconds\": 3600}");
        hourWindow.verify(providerRequest("sendgrid", "bounce"), credentials(SendGrid.NAME), SIGNED_AT.plusSeconds(3600));
        assertThrows(RejectedException.class, () -> hourWindow.verify(providerRequest("sendgrid", "bounce"),
                credentials(SendGrid.NAME), SIGNED_AT.plusSeconds(3601)));
    }

    @Test
    void missingHeadersAreRejectedNamingTheHeader() {
        HttpRequest noSignature = ProviderFixtures.withoutHeader(request("sendgrid", "bounce"), SendGrid.SIGNATURE_HEADER);
        RejectedException e = assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest(noSignature), credentials(SendGrid.NAME), SIGNED_AT));
        assertTrue(e.getMessage().contains(SendGrid.SIGNATURE_HEADER), e.getMessage());

        HttpRequest noTimestamp = ProviderFixtures.withoutHeader(request("sendgrid", "bounce"), SendGrid.TIMESTAMP_HEADER);
        e = assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest(noTimestamp), credentials(SendGrid.NAME), SIGNED_AT));
        assertTrue(e.getMessage().contains(SendGrid.TIMESTAMP_HEADER), e.getMessage());
    }

    @Test
    void malformedSignatureOrTimestampIsRejected() {
        for (String signature : List.of("not base64!", "AAAA", base64Of("garbage that is not DER"))) {
            HttpRequest bad = ProviderFixtures.withHeader(request("sendgrid", "bounce"), SendGrid.SIGNATURE_HEADER, signature);
            assertThrows(RejectedException.class,
                    () -> sendGrid.verify(providerRequest(bad), credentials(SendGrid.NAME), SIGNED_AT), signature);
        }
        HttpRequest badTimestamp = ProviderFixtures.withHeader(request("sendgrid", "bounce"), SendGrid.TIMESTAMP_HEADER, "yesterday");
        assertThrows(RejectedException.class,
                () -> sendGrid.verify(providerRequest(badTimestamp), credentials(SendGrid.NAME), SIGNED_AT));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        HttpRequest lower = request("sendgrid", "bounce");
        Map<String, String> mixed = new HashMap<>();
        lower.headers().forEach((name, value) -> mixed.put(name.toUpperCase(java.util.Locale.ROOT), value));
        HttpRequest upper = new HttpRequest("POST", lower.path(), mixed, "", lower.body());
        sendGrid.verify(providerRequest(upper), credentials(SendGrid.NAME), SIGNED_AT);
    }

    @Test
    void missingOrUnusableKeyFailsClosedNamingTheField() {
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class, () -> sendGrid.verify(
                providerRequest("sendgrid", "bounce"), new ProviderCredentials(SendGrid.NAME, null), SIGNED_AT));
        assertTrue(missing.getMessage().contains("providers.sendgrid.verification_key"), missing.getMessage());

        String rsaOrJunk = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA";
        InvalidSettingsException unusable = assertThrows(InvalidSettingsException.class, () -> sendGrid.verify(
                providerRequest("sendgrid", "bounce"), key(rsaOrJunk), SIGNED_AT));
        assertTrue(unusable.getMessage().contains("providers.sendgrid.verification_key"), unusable.getMessage());
        assertFalse(unusable.getMessage().contains(rsaOrJunk), "never echo the secret");
    }

    @Test
    void batchWithEveryEventKindRecordsOnlyTheBounces() {
        List<BounceEvent> bounces = sendGrid.parse(providerRequest("sendgrid", "batch-every-event")).bounces();
        assertEquals(List.of(
                "gone.user@example.org=HARD",
                "busy.person@example.net=SOFT",
                "old.address@example.com=HARD",
                "complainer@example.com=COMPLAINT",
                "angry.reader@example.com=COMPLAINT"),
                bounces.stream().map(b -> b.email() + "=" + b.type()).toList());
        assertTrue(bounces.stream().allMatch(b -> b.source().equals("sendgrid")));
        assertEquals(bounces.size(), bounces.stream().map(BounceEvent::dedupeKey).distinct().count());
    }

    @Test
    void eventsThatAreNotBouncesAreUnderstoodAndIgnored() {
        assertEquals(List.of(), sendGrid.parse(providerRequest("sendgrid", "delivered-and-opened")).bounces());
    }

    @ParameterizedTest(name = "{0} type={1} classification={2} reason={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "bounce,     bounce,  -,                            -,                       HARD",
            "bounce,     -,       -,                            -,                       HARD",
            "bounce,     bounce,  Unclassified,                 -,                       HARD",
            "bounce,     bounce,  Mailbox Unavailable,          -,                       HARD",
            "bounce,     bounce,  Invalid Address,              -,                       HARD",
            "bounce,     bounce,  Technical,                    -,                       SOFT",
            "bounce,     bounce,  technical,                    -,                       SOFT",
            "bounce,     bounce,  Technical Failure,            -,                       SOFT",
            "bounce,     bounce,  Content,                      -,                       SOFT",
            "bounce,     bounce,  CONTENT,                      -,                       SOFT",
            "bounce,     bounce,  Reputation,                   -,                       SOFT",
            "bounce,     bounce,  Frequency or Volume,          -,                       SOFT",
            "bounce,     bounce,  Frequency or Volume Too High, -,                       SOFT",
            "bounce,     blocked, -,                            -,                       SOFT",
            "bounce,     Blocked, Unclassified,                 -,                       SOFT",
            "bounce,     blocked, Reputation,                   -,                       SOFT",
            "bounce,     blocked, Invalid Address,              -,                       HARD",
            "bounce,     blocked, invalid address,              -,                       HARD",
            "dropped,    -,       -,                            Bounced Address,         HARD",
            "dropped,    -,       -,                            bounced address,         HARD",
            "dropped,    -,       -,                            Invalid,                 HARD",
            "dropped,    -,       -,                            Spam Reporting Address,  COMPLAINT",
            "dropped,    -,       -,                            Unsubscribed Address,    -",
            "dropped,    -,       -,                            Invalid SMTPAPI header,  -",
            "dropped,    -,       -,                            -,                       -",
            "spamreport, -,       -,                            -,                       COMPLAINT",
            "deferred,   -,       -,                            400 try again later,     -",
            "processed,  -,       -,                            -,                       -",
            "delivered,  -,       -,                            -,                       -",
            "open,       -,       -,                            -,                       -",
            "click,      -,       -,                            -,                       -",
            "unsubscribe, -,      -,                            -,                       -",
            "group_unsubscribe, -, -,                           -,                       -",
            "group_resubscribe, -, -,                           -,                       -",
    })
    void mapping(String event, String type, String classification, String reason, String expected) {
        ObjectNode node = ProviderFixtures.JSON.createObjectNode().put("event", event).put("email", "a@example.com");
        if (type != null) {
            node.put("type", type);
        }
        if (classification != null) {
            node.put("bounce_classification", classification);
        }
        if (reason != null) {
            node.put("reason", reason);
        }
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), SendGrid.type(node));
    }

    @Test
    void campaignAndSubscriberComeFromCustomArgs() {
        BounceEvent bounce = only(sendGrid.parse(providerRequest("sendgrid", "bounce")).bounces());
        assertEquals(CAMPAIGN, bounce.campaignUuid());
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());

        BounceEvent listmonkStyle = only(sendGrid.parse(providerRequest("sendgrid", "blocked")).bounces());
        assertEquals(CAMPAIGN, listmonkStyle.campaignUuid(), "listmonk's flattened XListmonkCampaign custom arg");
        assertNull(listmonkStyle.subscriberUuid());
        assertEquals("busy.person@example.net", listmonkStyle.email());
    }

    @Test
    void malformedCampaignUuidIsDroppedButTheBounceKept() {
        BounceEvent bounce = only(parseBody("[{\"event\":\"bounce\",\"email\":\"a@example.com\",\"timestamp\":1,"
                + "\"campaign_uuid\":\"not-a-uuid\"}]"));
        assertNull(bounce.campaignUuid());
        assertEquals(BounceType.HARD, bounce.type());
    }

    @Test
    void metaIsThatEventOnlyNotTheBatch() throws Exception {
        HttpRequest batch = request("sendgrid", "batch-every-event");
        JsonNode events = ProviderFixtures.body(batch);
        BounceEvent first = sendGrid.parse(providerRequest(batch)).bounces().get(0);
        assertEquals(events.get(3), ProviderFixtures.JSON.readTree(first.metaJson()));
    }

    @Test
    void redeliveryGivesTheSameDedupeKeysEvenWithAFreshTimestampOrANewSgEventId() {
        HttpRequest original = request("sendgrid", "batch-every-event");
        List<String> keys = keys(sendGrid.parse(providerRequest(original)).bounces());

        HttpRequest resent = ProviderFixtures.signedSendGrid(original, original.body(), SIGNED_AT.plusSeconds(3600));
        sendGrid.verify(providerRequest(resent), credentials(SendGrid.NAME), SIGNED_AT.plusSeconds(3600));
        assertEquals(keys, keys(sendGrid.parse(providerRequest(resent)).bounces()));

        String renumbered = original.bodyText().replaceAll("\"sg_event_id\":\"[^\"]+\"", "\"sg_event_id\":\"retry-id\"");
        assertEquals(keys, keys(parseBody(renumbered)));
    }

    @Test
    void differentEventsForTheSameMessageGetDifferentKeys() {
        String bounce = "{\"event\":\"bounce\",\"email\":\"a@example.com\",\"sg_message_id\":\"m1\",\"timestamp\":100}";
        String later = bounce.replace("100", "200");
        String otherRecipient = bounce.replace("a@example.com", "b@example.com");
        String spam = bounce.replace("\"bounce\"", "\"spamreport\"");
        List<String> keys = keys(parseBody("[" + String.join(",", bounce, later, otherRecipient, spam) + "]"));
        assertEquals(4, keys.stream().distinct().count(), keys::toString);
        assertNotEquals(keys.get(0), keys.get(1));
    }

    @Test
    void bodyThatIsNotAnArrayOfEventsIsInvalid() {
        assertThrows(InvalidPayloadException.class, () -> parseBody("{\"event\":\"bounce\"}"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("[\"bounce\"]"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("[{\"event\":"));
    }

    @Test
    void bounceWithoutARecipientIsSkippedNotTheWholeBatch() {
        List<BounceEvent> bounces = parseBody("[{\"event\":\"bounce\",\"timestamp\":1},"
                + "{\"event\":\"bounce\",\"email\":\"b@example.com\",\"timestamp\":1}]");
        assertEquals(List.of("b@example.com"), bounces.stream().map(BounceEvent::email).toList());
    }

    private List<BounceEvent> parseBody(String body) {
        return sendGrid.parse(providerRequest(ProviderFixtures.withBody(request("sendgrid", "bounce"), body))).bounces();
    }

    private static ProviderCredentials key(String key) {
        return credentials(SendGrid.NAME, "verification_key", key);
    }

    private static List<String> keys(List<BounceEvent> bounces) {
        return bounces.stream().map(BounceEvent::dedupeKey).collect(Collectors.toList());
    }

    private static BounceEvent only(List<BounceEvent> bounces) {
        assertEquals(1, bounces.size(), bounces::toString);
        return bounces.get(0);
    }

    private static String base64Of(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
