package io.stmails.providers.sparkpost;

import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.credentials;
import static io.stmails.providers.ProviderFixtures.only;
import static io.stmails.providers.ProviderFixtures.providerRequest;
import static io.stmails.providers.ProviderFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SparkPostTest {
    private final Provider sparkPost = ProviderFixtures.provider(SparkPost.NAME);

    @ParameterizedTest
    @ValueSource(strings = {"bounce-invalid-recipient", "bounce-mailbox-full", "out-of-band", "spam-complaint", "policy-rejection",
            "delivery", "ping", "batch-every-event"})
    void everyFixtureAuthenticatesWithTheTestCredentials(String fixture) {
        sparkPost.verify(providerRequest("sparkpost", fixture), credentials(SparkPost.NAME), SIGNED_AT);
    }

    @Test
    void basicAuthOrTheTokenHeaderAloneIsEnough() {
        ProviderCredentials tokenOnly = credentials(SparkPost.NAME, "token", "sparkpost-test-token");
        sparkPost.verify(providerRequest("sparkpost", "batch-every-event"), tokenOnly, SIGNED_AT);
        assertThrows(RejectedException.class,
                () -> sparkPost.verify(providerRequest("sparkpost", "bounce-invalid-recipient"), tokenOnly, SIGNED_AT));

        ProviderCredentials basicOnly = new ProviderCredentials(SparkPost.NAME, ProviderFixtures.JSON.createObjectNode()
                .put("username", "sparkpost-hook").put("password", "test-password-4"));
        sparkPost.verify(providerRequest("sparkpost", "bounce-invalid-recipient"), basicOnly, SIGNED_AT);
        assertThrows(RejectedException.class,
                () -> sparkPost.verify(providerRequest("sparkpost", "batch-every-event"), basicOnly, SIGNED_AT));
    }

    @Test
    void wrongOrMissingCredentialsAreRejected() {
        HttpRequest wrongToken = ProviderFixtures.withHeader(request("sparkpost", "batch-every-event"), "X-Api-Key", "guess");
        assertThrows(RejectedException.class,
                () -> sparkPost.verify(providerRequest(wrongToken), credentials(SparkPost.NAME), SIGNED_AT));
        HttpRequest wrongPassword = ProviderFixtures.withHeader(request("sparkpost", "ping"), "Authorization",
                "Basic c3Bhcmtwb3N0LWhvb2s6Z3Vlc3M=");
        assertThrows(RejectedException.class,
                () -> sparkPost.verify(providerRequest(wrongPassword), credentials(SparkPost.NAME), SIGNED_AT));
        HttpRequest anonymous = ProviderFixtures.withoutHeader(request("sparkpost", "ping"), "Authorization");
        assertThrows(RejectedException.class,
                () -> sparkPost.verify(providerRequest(anonymous), credentials(SparkPost.NAME), SIGNED_AT));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> sparkPost.verify(
                providerRequest("sparkpost", "ping"), new ProviderCredentials(SparkPost.NAME, null), SIGNED_AT));
        assertTrue(e.getMessage().contains("providers.sparkpost"), e.getMessage());
    }

    @Test
    void tokenHeaderIsConfigurable() {
        Provider bearer = ProviderFixtures.provider(SparkPost.NAME, "{\"token_header\": \"Authorization\"}");
        HttpRequest request = ProviderFixtures.withHeader(request("sparkpost", "ping"), "Authorization", "Bearer sparkpost-test-token");
        bearer.verify(providerRequest(request), credentials(SparkPost.NAME, "token", "sparkpost-test-token"), SIGNED_AT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {
            "bounce-invalid-recipient, gone.user@example.org,    HARD",
            "bounce-mailbox-full,      full.mailbox@example.net, SOFT",
            "out-of-band,              moved.away@example.com,   HARD",
            "spam-complaint,           angry.reader@example.com, COMPLAINT",
            "policy-rejection,         suppressed@example.com,   HARD",
    })
    void singleEventBatches(String fixture, String email, BounceType type) {
        ProviderFixtures.assertFixtureRecords(sparkPost, fixture, email, type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "delivery"})
    void pingAndDeliveriesAreAcknowledgedWithNothingToRecord(String fixture) {
        assertEquals(List.of(), sparkPost.parse(providerRequest("sparkpost", fixture)).bounces());
        assertEquals(List.of(), parseBody("[]"));
    }

    @ParameterizedTest(name = "{0} class {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "bounce, 1, SOFT", "bounce, 10, HARD", "bounce, 20, SOFT", "bounce, 21, SOFT", "bounce, 22, SOFT",
            "bounce, 23, SOFT", "bounce, 24, SOFT", "bounce, 25, HARD", "bounce, 30, HARD", "bounce, 40, SOFT",
            "bounce, 50, SOFT", "bounce, 51, SOFT", "bounce, 52, SOFT", "bounce, 53, SOFT", "bounce, 54, SOFT",
            "bounce, 60, -", "bounce, 70, SOFT", "bounce, 80, -", "bounce, 90, -", "bounce, 100, -",
            "bounce, 99, SOFT", "bounce, -, SOFT", "bounce, x, SOFT",
            "out_of_band, 10, HARD", "out_of_band, 30, HARD", "out_of_band, 21, SOFT", "out_of_band, 60, -",
            "policy_rejection, 25, HARD", "policy_rejection, -, HARD",
            "spam_complaint, -, COMPLAINT",
            "delay, 21, -", "delivery, -, -", "injection, -, -", "generation_failure, -, -", "generation_rejection, 25, -",
            "open, -, -", "initial_open, -, -", "click, -, -", "amp_open, -, -", "list_unsubscribe, -, -",
            "link_unsubscribe, -, -", "relay_rejection, 25, -",
    })
    void mapping(String type, String bounceClass, String expected) {
        ObjectNode node = ProviderFixtures.JSON.createObjectNode().put("type", type);
        if (bounceClass != null) {
            node.put("bounce_class", bounceClass);
        }
        assertEquals(Optional.ofNullable(expected).map(BounceType::valueOf), SparkPost.type(node));
    }

    @Test
    void numericBounceClassIsReadToo() {
        ObjectNode node = ProviderFixtures.JSON.createObjectNode().put("type", "bounce").put("bounce_class", 10);
        assertEquals(Optional.of(BounceType.HARD), SparkPost.type(node));
    }

    @Test
    void batchRecordsEachBounceOnceWhateverItsEventClass() {
        List<BounceEvent> bounces = sparkPost.parse(providerRequest("sparkpost", "batch-every-event")).bounces();
        assertEquals(List.of(
                "gone.user@example.org=HARD",
                "no.mx@example.net=SOFT",
                "moved.away@example.com=HARD",
                "angry.reader@example.com=COMPLAINT",
                "suppressed@example.com=HARD",
                "full.mailbox@example.net=SOFT"),
                bounces.stream().map(b -> b.email() + "=" + b.type()).toList());
        assertEquals(bounces.size(), bounces.stream().map(BounceEvent::dedupeKey).distinct().count());
    }

    @Test
    void rcptMetaLinksAndEventIdKeysAndTheStringTimestampIsRead() {
        BounceEvent bounce = only(sparkPost.parse(providerRequest("sparkpost", "bounce-invalid-recipient")).bounces());
        assertEquals(SUBSCRIBER, bounce.subscriberUuid());
        assertEquals(Instant.ofEpochSecond(1772445580), bounce.occurredAt());
        assertEquals("sparkpost:92356927693813856|bounce|gone.user@example.org|00021cc8a25eebbc7860", bounce.dedupeKey());
        BounceEvent batched = sparkPost.parse(providerRequest("sparkpost", "batch-every-event")).bounces().get(0);
        assertEquals(bounce.dedupeKey(), batched.dedupeKey(), "a resent batch records nothing twice");
    }

    @Test
    void bodyThatIsNotABatchOfMsysEventsIsInvalid() {
        assertThrows(InvalidPayloadException.class, () -> parseBody("{\"msys\":{}}"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("[{\"message_event\":{}}]"));
        assertThrows(InvalidPayloadException.class, () -> parseBody("[42]"));
    }

    private List<BounceEvent> parseBody(String body) {
        return sparkPost.parse(providerRequest(ProviderFixtures.withBody(request("sparkpost", "ping"), body))).bounces();
    }
}
