package io.stmails.providers.postmark;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostmarkTest {
    private final Provider postmark = ProviderFixtures.provider(Postmark.NAME);

    @Test
    void rightCredentialsAreAccepted() {
        postmark.verify(providerRequest("postmark", "bounce-hard"), credentials(Postmark.NAME), SIGNED_AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmark-hook:wrong-password", "someone:test-password-1", "postmark-hook:",
            "postmark-hook:test-password-1x", "postmark-hook"})
    void wrongCredentialsAreRejectedWithAChallenge(String pair) {
        HttpRequest request = ProviderFixtures.withHeader(request("postmark", "bounce-hard"), "Authorization", basic(pair));
        RejectedException e = assertThrows(RejectedException.class,
                () -> postmark.verify(providerRequest(request), credentials(Postmark.NAME), SIGNED_AT));
        assertEquals(Optional.of(BasicAuth.CHALLENGE), e.challenge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "Basic", "Basic !!!not-base64!!!", "postmark-hook:test-password-1"})
    void malformedAuthorizationIsRejected(String header) {
        HttpRequest request = ProviderFixtures.withHeader(request("postmark", "bounce-hard"), "Authorization", header);
        assertThrows(RejectedException.class,
                () -> postmark.verify(providerRequest(request), credentials(Postmark.NAME), SIGNED_AT));
    }

    @Test
    void missingAuthorizationIsRejected() {
        HttpRequest request = ProviderFixtures.withoutHeader(request("postmark", "bounce-hard"), "Authorization");
        RejectedException e = assertThrows(RejectedException.class,
                () -> postmark.verify(providerRequest(request), credentials(Postmark.NAME), SIGNED_AT));
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
    }

    @Test
    void passwordsMayContainColonsAndSchemeIsCaseInsensitive() {
        ProviderCredentials credentials = new ProviderCredentials(Postmark.NAME, ProviderFixtures.JSON.createObjectNode()
                .put("username", "hook").put("password", "pa:ss:word"));
        HttpRequest request = ProviderFixtures.withHeader(request("postmark", "bounce-hard"), "AUTHORIZATION",
                "basic " + Base64.getEncoder().encodeToString("hook:pa:ss:word".getBytes(StandardCharsets.UTF_8)));
        postmark.verify(providerRequest(request), credentials, SIGNED_AT);
    }

    @Test
    void credentialsNotConfiguredFailClosed() {
        for (String missing : List.of("username", "password")) {
            ObjectNode partial = (ObjectNode) ProviderFixtures.secrets().section("providers").get("postmark").deepCopy();
            partial.remove(missing);
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> postmark.verify(
                    providerRequest("postmark", "bounce-hard"), new ProviderCredentials(Postmark.NAME, partial), SIGNED_AT));
            assertTrue(e.getMessage().contains("providers.postmark." + missing), e.getMessage());
        }
        ObjectNode empty = ProviderFixtures.JSON.createObjectNode().put("username", "").put("password", "");
        assertThrows(InvalidSettingsException.class, () -> postmark.verify(
                providerRequest("postmark", "bounce-hard"), new ProviderCredentials(Postmark.NAME, empty), SIGNED_AT));
    }

    @Test
    void hardBounceWithMetadataLinksCampaignAndSubscriber() {
        BounceEvent bounce = only(postmark.parse(providerRequest("postmark", "bounce-hard")).bounces());
        assertEquals("gone.user@example.org", bounce.email());
        assertEquals(BounceType.HARD, bounce.type());
        assertEquals(CAMPAIGN, bounce.campaignUuid());
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());
        assertEquals(Instant.parse("2026-03-02T09:59:40.396393300Z"), bounce.occurredAt());
        assertEquals("postmark:Bounce|4323372036854775807|883953f4-6105-42a2-a16a-77a8eac79483|Gone.User@Example.org",
                bounce.dedupeKey(), "the 64-bit ID survives intact");
        assertFalse(bounce.metaJson().contains("Return-Path"), "the raw message is not kept in meta");
        assertTrue(bounce.metaJson().contains("\"Details\""));
    }

    @Test
    void softBounceLinksListmonksMetadataKey() {
        BounceEvent bounce = only(postmark.parse(providerRequest("postmark", "bounce-soft")).bounces());
        assertEquals(BounceType.SOFT, bounce.type());
        assertEquals(CAMPAIGN, bounce.campaignUuid());
    }

    @Test
    void aFieldOfTheWrongKindIsInvalidAndNamed() {
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> postmark.parse(providerRequest(
                ProviderFixtures.withBody(request("postmark", "bounce-hard"), "{\"RecordType\": \"Bounce\", \"Email\": {\"a\": 1}}"))));
        assertTrue(e.getMessage().startsWith("Email "), e.getMessage());
    }

    @Test
    void spamComplaintIsAComplaint() {
        BounceEvent complaint = only(postmark.parse(providerRequest("postmark", "spam-complaint")).bounces());
        assertEquals(BounceType.COMPLAINT, complaint.type());
        assertEquals("angry.reader@example.com", complaint.email());
        assertTrue(complaint.dedupeKey().startsWith("postmark:SpamComplaint|42|"));
    }

    @Test
    void inactiveAddressIsHardEvenForATransientType() {
        assertEquals(BounceType.HARD, only(postmark.parse(providerRequest("postmark", "bounce-transient-inactive")).bounces()).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delivery", "open", "click", "subscription-change", "bounce-autoresponder"})
    void recordsThatAreNotBouncesAreIgnored(String fixture) {
        assertEquals(List.of(), postmark.parse(providerRequest("postmark", fixture)).bounces());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "HardBounce, HARD", "Transient, SOFT", "Unsubscribe, -", "Subscribe, -", "AutoResponder, -",
            "AddressChange, -", "DnsError, SOFT", "SpamNotification, SOFT", "OpenRelayTest, -", "Unknown, SOFT",
            "SoftBounce, SOFT", "VirusNotification, SOFT", "ChallengeVerification, -", "BadEmailAddress, HARD",
            "SpamComplaint, COMPLAINT", "ManuallyDeactivated, HARD", "Unconfirmed, -", "Blocked, SOFT",
            "SMTPApiError, -", "InboundError, -", "DMARCPolicy, SOFT", "TemplateRenderingFailed, -",
            "SomethingPostmarkAddsLater, -"})
    void typeTable(String type, String expected) {
        ObjectNode record = ProviderFixtures.JSON.createObjectNode().put("RecordType", "Bounce").put("Type", type)
                .put("Inactive", false);
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), Postmark.type(ProviderRequest.bind(record, Postmark.BounceRecord.class)));
    }

    @ParameterizedTest(name = "{0} inactive -> {1}")
    @CsvSource({"HardBounce, HARD", "SoftBounce, HARD", "SpamComplaint, COMPLAINT", "AutoResponder, HARD"})
    void inactiveMakesAnythingThatIsNotAlreadyHardOrAComplaintHard(String type, BounceType expected) {
        ObjectNode record = ProviderFixtures.JSON.createObjectNode().put("RecordType", "Bounce").put("Type", type)
                .put("Inactive", true);
        assertEquals(Optional.of(expected), Postmark.type(ProviderRequest.bind(record, Postmark.BounceRecord.class)));
    }

    @Test
    void legacyBounceWithoutRecordTypeIsABounce() {
        ObjectNode record = ProviderFixtures.JSON.createObjectNode().put("Type", "HardBounce");
        assertEquals(Optional.of(BounceType.HARD), Postmark.type(ProviderRequest.bind(record, Postmark.BounceRecord.class)));
    }

    @Test
    void theSameBounceDeliveredTwiceHasOneKeyAndOtherBouncesOthers() {
        String key = only(postmark.parse(providerRequest("postmark", "bounce-hard")).bounces()).dedupeKey();
        assertEquals(key, only(postmark.parse(providerRequest("postmark", "bounce-hard")).bounces()).dedupeKey());
        assertNotEquals(key, only(postmark.parse(providerRequest("postmark", "bounce-soft")).bounces()).dedupeKey());
    }

    @Test
    void bodyThatIsNotOneObjectIsInvalid() {
        HttpRequest array = ProviderFixtures.withBody(request("postmark", "bounce-hard"), "[{\"RecordType\":\"Bounce\"}]");
        assertThrows(InvalidPayloadException.class, () -> postmark.parse(providerRequest(array)));
        HttpRequest broken = ProviderFixtures.withBody(request("postmark", "bounce-hard"), "{\"RecordType\":");
        assertThrows(InvalidPayloadException.class, () -> postmark.parse(providerRequest(broken)));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static BounceEvent only(List<BounceEvent> bounces) {
        assertEquals(1, bounces.size(), bounces::toString);
        return bounces.get(0);
    }
}
