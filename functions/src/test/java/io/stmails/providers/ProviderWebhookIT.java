package io.stmails.providers;

import static io.stmails.providers.ProviderFixtures.CAMPAIGN;
import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.SUBSCRIBER;
import static io.stmails.providers.ProviderFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.handler.ProviderWebhookHandler;
import io.stmails.providers.catalog.ProviderCatalog;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The provider functions end to end: fixture requests through the handler and the real recorder on DynamoDB Local. */
class ProviderWebhookIT {
    private static final String ALL_ENABLED = ProviderCatalog.names().stream()
            .map(name -> "\"" + name + "\": {\"enabled\": true}")
            .collect(Collectors.joining(", ", "{\"providers\": {", "}}"));

    private final AtomicReference<Instant> now = new AtomicReference<>(SIGNED_AT.plusSeconds(2));
    private Components services;
    private ProviderWebhookHandler handler;

    @BeforeEach
    void setUp() {
        services = services(ALL_ENABLED, ProviderFixtures.secrets(), DynamoDbLocal.freshTables());
        handler = new ProviderWebhookHandler(services);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "sendgrid,     bounce,                    gone.user@example.org,    HARD,      " + CAMPAIGN,
            "sendgrid,     blocked,                   busy.person@example.net,  SOFT,      " + CAMPAIGN,
            "sendgrid,     dropped-bounced-address,   old.address@example.com,  HARD,      " + CAMPAIGN,
            "sendgrid,     spamreport,                angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
            "postmark,     bounce-hard,               gone.user@example.org,    HARD,      " + CAMPAIGN,
            "postmark,     bounce-soft,               full.mailbox@example.net, SOFT,      " + CAMPAIGN,
            "postmark,     spam-complaint,            angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
            "postmark,     bounce-transient-inactive, deactivated@example.com,  HARD,      ",
            "forwardemail, bounce-recipient,          gone.user@example.org,    HARD,      " + CAMPAIGN,
            "forwardemail, bounce-greylist,           greylisted@example.net,   SOFT,      " + CAMPAIGN,
            "lettermint,   hard-bounced,              gone.user@example.org,    HARD,      " + CAMPAIGN,
            "lettermint,   soft-bounced,              full.mailbox@example.net, SOFT,      " + CAMPAIGN,
            "lettermint,   spam-complaint,            angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
            "azure,        delivery-report-bounced,   gone.user@example.org,    HARD,      ",
            "brevo,        hard-bounce,               gone.user@example.org,    HARD,      " + CAMPAIGN,
            "brevo,        soft-bounce,               full.mailbox@example.net, SOFT,      " + CAMPAIGN,
            "brevo,        blocked,                   suppressed@example.com,   HARD,      " + CAMPAIGN,
            "brevo,        invalid-email,             no.such.user@example.invalid, HARD,  " + CAMPAIGN,
            "brevo,        spam,                      complainer@example.com,   COMPLAINT, " + CAMPAIGN,
            "brevo,        complaint,                 angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
            "brevo,        marketing-hard-bounce,     gone.user@example.org,    HARD,      ",
            "mailjet,      bounce-hard,               gone.user@example.org,    HARD,      " + CAMPAIGN,
            "mailjet,      bounce-soft,               full.mailbox@example.net, SOFT,      " + CAMPAIGN,
            "mailjet,      blocked-preblocked,        suppressed@example.com,   HARD,      " + CAMPAIGN,
            "mailjet,      spam,                      angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
            "sparkpost,    bounce-invalid-recipient,  gone.user@example.org,    HARD,      " + CAMPAIGN,
            "sparkpost,    bounce-mailbox-full,       full.mailbox@example.net, SOFT,      " + CAMPAIGN,
            "sparkpost,    out-of-band,               moved.away@example.com,   HARD,      " + CAMPAIGN,
            "sparkpost,    spam-complaint,            angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
            "sparkpost,    policy-rejection,          suppressed@example.com,   HARD,      " + CAMPAIGN,
            "resend,       bounced-permanent,         gone.user@example.org,    HARD,      " + CAMPAIGN,
            "resend,       bounced-transient,         full.mailbox@example.net, SOFT,      " + CAMPAIGN,
            "resend,       bounced-suppressed,        suppressed@example.com,   HARD,      " + CAMPAIGN,
            "resend,       complained,                angry.reader@example.com, COMPLAINT, " + CAMPAIGN,
    })
    void eachRealPayloadRecordsItsBounceExactlyOnce(String provider, String fixture, String email, BounceType type,
            String campaign) {
        APIGatewayV2HTTPResponse first = handler.handleRequest(event(provider, fixture), null);
        APIGatewayV2HTTPResponse again = handler.handleRequest(event(provider, fixture), null);

        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals("{\"data\":true}", first.getBody());
        assertEquals(200, again.getStatusCode(), "a redelivery is acknowledged");
        List<Bounce> bounces = bouncesOf(email);
        assertEquals(1, bounces.size(), "redelivery must not count twice");
        assertEquals(type, bounces.get(0).type());
        assertEquals(provider, bounces.get(0).source());
        assertEquals(campaign, bounces.get(0).campaignUuid());
    }

    @Test
    void sendGridBatchRecordsEveryBounceOnceEvenWhenResentWithAFreshSignature() {
        APIGatewayV2HTTPEvent batch = event("sendgrid", "batch-every-event");
        assertEquals(200, handler.handleRequest(batch, null).getStatusCode());

        now.set(SIGNED_AT.plusSeconds(7200));
        APIGatewayV2HTTPEvent resent = event("sendgrid", "batch-every-event");
        String timestamp = Long.toString(now.get().getEpochSecond());
        resent.getHeaders().put("x-twilio-email-event-webhook-timestamp", timestamp);
        resent.getHeaders().put("x-twilio-email-event-webhook-signature",
                ProviderFixtures.sendGridSignature(timestamp, resent.getBody().getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, handler.handleRequest(resent, null).getStatusCode());

        Map<String, List<BounceType>> recorded = Map.of(
                "gone.user@example.org", List.of(BounceType.HARD),
                "busy.person@example.net", List.of(BounceType.SOFT),
                "old.address@example.com", List.of(BounceType.HARD),
                "complainer@example.com", List.of(BounceType.COMPLAINT),
                "angry.reader@example.com", List.of(BounceType.COMPLAINT));
        recorded.forEach((email, types) -> assertEquals(types, bouncesOf(email).stream().map(Bounce::type).toList(), email));
        for (String notABounce : List.of("reader@example.com", "slow.mx@example.com", "left@example.com")) {
            assertTrue(services.subscribers().findByEmail(notABounce).isEmpty(), notABounce + " must not be touched");
        }
    }

    @Test
    void publishedSendGridTestVectorRecordsAHardBounce() {
        ObjectNode secrets = ProviderFixtures.JSON.createObjectNode();
        secrets.putObject("providers").putObject("sendgrid").put("verification_key",
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==");
        now.set(Instant.ofEpochSecond(1600112502 + 3));
        Components vectorServices = services(ALL_ENABLED, Secrets.parse(secrets.toString(), ProviderFixtures.JSON),
                DynamoDbLocal.freshTables());

        APIGatewayV2HTTPResponse response = new ProviderWebhookHandler(vectorServices)
                .handleRequest(event("sendgrid", "published-test-vector"), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        Subscriber subscriber = vectorServices.subscribers().findByEmail("hello@world.com").orElseThrow();
        List<Bounce> bounces = vectorServices.bounces().listBySubscriber(subscriber.uuid());
        assertEquals(List.of(BounceType.HARD), bounces.stream().map(Bounce::type).toList());
        assertEquals(Instant.ofEpochSecond(1600112492), bounces.get(0).createdAt());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"postmark, bounce-hard", "mailgun, failed-permanent", "brevo, hard-bounce", "mailjet, bounce-hard",
            "sparkpost, bounce-invalid-recipient", "resend, bounced-permanent"})
    void bounceLinksToTheSubscriberByUuidBeforeEmail(String provider, String fixture) {
        Subscriber known = new Subscriber(SUBSCRIBER, "renamed@example.com", "Renamed", SubscriberStatus.ENABLED, Map.of(),
                SIGNED_AT, SIGNED_AT, 1);
        services.subscribers().create(known);

        assertEquals(200, handler.handleRequest(event(provider, fixture), null).getStatusCode());

        List<Bounce> bounces = services.bounces().listBySubscriber(SUBSCRIBER);
        assertEquals(1, bounces.size());
        assertEquals(CAMPAIGN, bounces.get(0).campaignUuid());
        assertTrue(services.subscribers().findByEmail("gone.user@example.org").isEmpty(), "no second subscriber");
    }

    @Test
    void azureHandshakeIsAnsweredAndRecordsNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("azure", "subscription-validation"), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}", response.getBody());
    }

    @Test
    void azureBatchRecordsEachBouncedRecipient() {
        assertEquals(200, handler.handleRequest(event("azure", "delivery-report-batch"), null).getStatusCode());
        assertEquals(Map.of(
                "gone.user@example.org", BounceType.HARD, "full.mailbox@example.net", BounceType.SOFT,
                "suppressed@example.com", BounceType.HARD, "filtered@example.com", BounceType.SOFT,
                "angry.reader@example.com", BounceType.COMPLAINT),
                Map.of("gone.user@example.org", only("gone.user@example.org"), "full.mailbox@example.net", only("full.mailbox@example.net"),
                        "suppressed@example.com", only("suppressed@example.com"), "filtered@example.com", only("filtered@example.com"),
                        "angry.reader@example.com", only("angry.reader@example.com")));
        assertTrue(services.subscribers().findByEmail("reader@example.com").isEmpty());
        assertTrue(services.subscribers().findByEmail("list@example.com").isEmpty());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"brevo, batch-every-event", "mailjet, grouped-events", "sparkpost, batch-every-event"})
    void batchesRecordEachBounceOnceEvenWhenDeliveredAgain(String provider, String fixture) {
        assertEquals(200, handler.handleRequest(event(provider, fixture), null).getStatusCode());
        assertEquals(200, handler.handleRequest(event(provider, fixture), null).getStatusCode());

        Map<String, BounceType> expected = new HashMap<>(Map.of(
                "gone.user@example.org", BounceType.HARD, "full.mailbox@example.net", BounceType.SOFT,
                "suppressed@example.com", BounceType.HARD));
        switch (provider) {
            case "brevo" -> expected.putAll(Map.of("complainer@example.com", BounceType.COMPLAINT,
                    "angry.reader@example.com", BounceType.COMPLAINT, "no.such.user@example.invalid", BounceType.HARD));
            case "mailjet" -> expected.put("angry.reader@example.com", BounceType.COMPLAINT);
            default -> expected.putAll(Map.of("angry.reader@example.com", BounceType.COMPLAINT,
                    "no.mx@example.net", BounceType.SOFT, "moved.away@example.com", BounceType.HARD));
        }
        expected.forEach((email, type) -> assertEquals(type, only(email), email));
        for (String notABounce : List.of("reader@example.com", "slow.mx@example.com", "left@example.com", "broken@example.com",
                "greylisted@example.net", "twice@example.com", "on.holiday@example.com")) {
            assertTrue(services.subscribers().findByEmail(notABounce).isEmpty(), notABounce + " must not be touched");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"failed-permanent, gone.user@example.org, HARD", "failed-temporary, full.mailbox@example.net, SOFT",
            "failed-suppress-bounce, suppressed@example.com, HARD", "failed-suppress-complaint, complainer@example.com, COMPLAINT",
            "complained, angry.reader@example.com, COMPLAINT"})
    void mailgunRecordsOnceRefusesTheReplayedTokenWith406AndAcceptsARedeliverySignedAgain(String fixture, String email,
            BounceType type) {
        APIGatewayV2HTTPResponse first = handler.handleRequest(event("mailgun", fixture), null);
        APIGatewayV2HTTPResponse replayed = handler.handleRequest(event("mailgun", fixture), null);
        now.set(SIGNED_AT.plusSeconds(900));
        APIGatewayV2HTTPEvent redelivered = event("mailgun", fixture);
        redelivered.setBody(ProviderFixtures.signedMailgun(ProviderFixtures.request("mailgun", fixture), "redelivery-token",
                now.get()).bodyText());
        APIGatewayV2HTTPResponse again = handler.handleRequest(redelivered, null);

        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals(406, replayed.getStatusCode(), replayed.getBody());
        assertTrue(replayed.getBody().contains("already used"), replayed.getBody());
        assertEquals(200, again.getStatusCode(), again.getBody());
        List<Bounce> bounces = bouncesOf(email);
        assertEquals(List.of(type), bounces.stream().map(Bounce::type).toList());
        assertEquals(CAMPAIGN, bounces.get(0).campaignUuid());
        assertEquals("mailgun", bounces.get(0).source());
    }

    @Test
    void mailgunTokenIsNotSpentByARequestThatFailedToRecordSoItsRetryGetsThrough() {
        ProviderWebhookHandler failing = new ProviderWebhookHandler(
                services(ALL_ENABLED, ProviderFixtures.secrets(), Tables.withPrefix("never-created-")));
        assertEquals(503, failing.handleRequest(event("mailgun", "failed-permanent"), null).getStatusCode());
        assertEquals(503, failing.handleRequest(event("mailgun", "failed-permanent"), null).getStatusCode(),
                "the same runtime treats the retry as a retry, not as a replay (406 would make Mailgun drop it)");

        assertEquals(200, handler.handleRequest(event("mailgun", "failed-permanent"), null).getStatusCode());
        assertEquals(List.of(BounceType.HARD), bouncesOf("gone.user@example.org").stream().map(Bounce::type).toList());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"sendgrid, delivered-and-opened", "postmark, delivery", "postmark, open", "postmark, click",
            "postmark, subscription-change", "postmark, bounce-autoresponder", "lettermint, delivered", "lettermint, webhook-test",
            "mailgun, delivered", "mailgun, failed-suppress-unsubscribe", "brevo, deferred", "brevo, delivered", "mailjet, sent",
            "mailjet, blocked-duplicate", "sparkpost, ping", "sparkpost, delivery", "resend, delivered", "resend, delivery-delayed"})
    void understoodEventsThatAreNotBouncesAre200AndRecordNothing(String provider, String fixture) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(provider, fixture), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("{\"data\":true}", response.getBody());
        for (String email : List.of("reader@example.com", "on.holiday@example.com", "gone.user@example.org", "left@example.com",
                "slow.mx@example.com", "twice@example.com")) {
            assertTrue(services.subscribers().findByEmail(email).isEmpty(), email);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"sendgrid, bounce", "postmark, bounce-hard", "forwardemail, bounce-recipient", "lettermint, hard-bounced",
            "azure, delivery-report-bounced", "brevo, hard-bounce", "brevo, batch-every-event", "mailjet, bounce-hard",
            "sparkpost, bounce-invalid-recipient", "sparkpost, batch-every-event", "resend, bounced-permanent"})
    void forgedRequestsAreRejectedAndRecordNothing(String provider, String fixture) {
        APIGatewayV2HTTPEvent tampered = event(provider, fixture);
        tampered.setBody(tampered.getBody().replace("example.org", "example.orq"));
        tampered.setRawQueryString("code=guess");
        tampered.getHeaders().put("authorization", "Basic cG9zdG1hcmstaG9vazpndWVzcw==");
        tampered.getHeaders().put("x-api-key", "guess");

        APIGatewayV2HTTPResponse response = handler.handleRequest(tampered, null);

        assertEquals(401, response.getStatusCode(), response.getBody());
        assertTrue(services.subscribers().findByEmail("gone.user@example.orq").isEmpty());
        assertTrue(services.subscribers().findByEmail("gone.user@example.org").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"wrong key", "tampered token", "missing signature"})
    void forgedMailgunRequestsAre406AndRecordNothing(String forgery) {
        APIGatewayV2HTTPEvent forged = event("mailgun", "failed-permanent");
        switch (forgery) {
            case "wrong key" -> forged.setBody(forged.getBody().replaceFirst("\"signature\": \"[0-9a-f]+\"",
                    "\"signature\": \"" + ProviderFixtures.hmacHex("key-guess", "1772445600token".getBytes(StandardCharsets.UTF_8)) + "\""));
            case "tampered token" -> forged.setBody(forged.getBody().replaceFirst("\"token\": \"3f6c", "\"token\": \"3f6d"));
            default -> forged.setBody(forged.getBody().replaceFirst("\"signature\": \\{", "\"unsigned\": {"));
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(forged, null);
        assertEquals(406, response.getStatusCode(), response.getBody());
        assertTrue(services.subscribers().findByEmail("gone.user@example.org").isEmpty());
    }

    @Test
    void postmarkRejectionCarriesABasicChallenge() {
        APIGatewayV2HTTPEvent request = event("postmark", "bounce-hard");
        request.getHeaders().remove("authorization");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
        assertEquals(401, response.getStatusCode());
        assertEquals(BasicAuth.CHALLENGE, response.getHeaders().get("www-authenticate"));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"sendgrid, bounce, 401", "lettermint, hard-bounced, 401", "resend, bounced-permanent, 401",
            "mailgun, failed-permanent, 406"})
    void staleSignedRequestsAreRejectedAndRecordNothing(String provider, String fixture, int status) {
        now.set(SIGNED_AT.plusSeconds(3600));
        assertEquals(status, handler.handleRequest(event(provider, fixture), null).getStatusCode());
        assertTrue(services.subscribers().findByEmail("gone.user@example.org").isEmpty());
    }

    @Test
    void disabledOrUnknownProviderIsAnUnknownService() {
        ProviderWebhookHandler onlySendGrid = new ProviderWebhookHandler(services(
                "{\"providers\": {\"sendgrid\": {\"enabled\": true}, \"postmark\": {\"enabled\": false}}}",
                ProviderFixtures.secrets(), DynamoDbLocal.freshTables()));
        for (String provider : List.of("postmark", "forwardemail")) {
            APIGatewayV2HTTPResponse response = onlySendGrid.handleRequest(event(provider,
                    provider.equals("postmark") ? "bounce-hard" : "bounce-recipient"), null);
            assertEquals(400, response.getStatusCode());
            assertEquals("{\"message\":\"Unknown service.\"}", response.getBody());
        }
        APIGatewayV2HTTPEvent unknown = event("sendgrid", "bounce");
        unknown.setRawPath("/webhooks/service/mandrill");
        assertEquals(400, handler.handleRequest(unknown, null).getStatusCode());
    }

    @Test
    void providerRouteWorksBehindAStagePrefixAndWithATrailingSlash() {
        APIGatewayV2HTTPEvent staged = event("sendgrid", "bounce");
        staged.setRawPath("/prod/webhooks/service/sendgrid/");
        assertEquals(200, handler.handleRequest(staged, null).getStatusCode());
    }

    @Test
    void switchedOffProcessingAnswers503AndSwitchedOffWebhooks404() {
        ProviderWebhookHandler paused = new ProviderWebhookHandler(services(ALL_ENABLED.replaceFirst("\\{", "{\"enabled\": false,"),
                ProviderFixtures.secrets(), DynamoDbLocal.freshTables()));
        assertEquals(503, paused.handleRequest(event("sendgrid", "bounce"), null).getStatusCode());
        assertEquals(429, paused.handleRequest(event("brevo", "hard-bounce"), null).getStatusCode(), "Brevo drops events answered 5xx");

        ProviderWebhookHandler off = new ProviderWebhookHandler(services(ALL_ENABLED.replaceFirst("\\{", "{\"webhooks_enabled\": false,"),
                ProviderFixtures.secrets(), DynamoDbLocal.freshTables()));
        assertEquals(404, off.handleRequest(event("sendgrid", "bounce"), null).getStatusCode());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"sendgrid, bounce, 503", "postmark, bounce-hard, 503", "forwardemail, bounce-recipient, 503",
            "lettermint, hard-bounced, 503", "azure, delivery-report-bounced, 503", "azure, subscription-validation, 503",
            "mailgun, failed-permanent, 503", "brevo, hard-bounce, 429", "mailjet, bounce-hard, 503",
            "sparkpost, bounce-invalid-recipient, 503", "resend, bounced-permanent, 503"})
    void enabledWithoutCredentialsRefusesEverythingWithTheRetryStatus(String provider, String fixture, int status) {
        Components unconfigured = services(ALL_ENABLED, Secrets.empty(), DynamoDbLocal.freshTables());
        APIGatewayV2HTTPResponse response = new ProviderWebhookHandler(unconfigured).handleRequest(event(provider, fixture), null);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(unconfigured.subscribers().findByEmail("gone.user@example.org").isEmpty());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"sendgrid, bounce, 503", "mailgun, failed-permanent, 503", "brevo, hard-bounce, 429", "brevo, batch-every-event, 429",
            "mailjet, grouped-events, 503", "sparkpost, batch-every-event, 503", "resend, bounced-permanent, 503"})
    void storageFailureAsksTheProviderToRetry(String provider, String fixture, int status) {
        Components broken = services(ALL_ENABLED, ProviderFixtures.secrets(), Tables.withPrefix("never-created-"));
        APIGatewayV2HTTPResponse response = new ProviderWebhookHandler(broken).handleRequest(event(provider, fixture), null);
        assertEquals(status, response.getStatusCode());
        assertTrue(response.getBody().contains("retry"), response.getBody());
    }

    @Test
    void unknownSubscribersUnderPolicyIgnoreAreAcknowledgedNotRetried() {
        Components ignoring = services(ALL_ENABLED.replaceFirst("\\{", "{\"unknown_subscriber\": \"ignore\","),
                ProviderFixtures.secrets(), DynamoDbLocal.freshTables());
        APIGatewayV2HTTPResponse response = new ProviderWebhookHandler(ignoring).handleRequest(event("forwardemail", "bounce-recipient"), null);
        assertEquals(200, response.getStatusCode());
        assertTrue(ignoring.subscribers().findByEmail("gone.user@example.org").isEmpty());
    }

    @Test
    void invalidJsonFromAnAuthenticatedSenderIs400() {
        APIGatewayV2HTTPEvent request = event("azure", "delivery-report-bounced");
        request.setBody("[{\"id\":");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().startsWith("{\"message\":\"Invalid data: "), response.getBody());
    }

    private Components services(String settings, Secrets secrets, Tables tables) {
        return Components.builder().dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse(settings, ProviderFixtures.JSON))
                .secrets(() -> secrets)
                .clock(now::get)
                .build();
    }

    private List<Bounce> bouncesOf(String email) {
        Optional<Subscriber> subscriber = services.subscribers().findByEmail(email);
        return subscriber.map(s -> services.bounces().listBySubscriber(s.uuid())).orElse(List.of());
    }

    private BounceType only(String email) {
        List<Bounce> bounces = bouncesOf(email);
        assertEquals(1, bounces.size(), email + ": " + bounces.stream().map(Bounce::toString).collect(Collectors.joining()));
        return bounces.get(0).type();
    }
}
