package io.stmails.metrics;

import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static io.stmails.providers.ProviderFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.handler.ProviderWebhookHandler;
import io.stmails.wiring.Components;
import io.stmails.handler.WebhookBounceHandler;
import io.stmails.providers.ProviderFixtures;
import io.stmails.store.dynamodb.DynamoSuppressionList;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each business metric is counted once, where it happens, through the handlers and the real stores
 * on DynamoDB Local; and every invocation flushes what it counted.
 */
class BusinessMetricsIT {
    private final AtomicReference<Instant> now = new AtomicReference<>(SIGNED_AT.plusSeconds(2));
    private final RecordingMetrics metrics = new RecordingMetrics();

    @Test
    void aProviderBounceIsRecordedThenDuplicateAndEachInvocationFlushes() {
        ProviderWebhookHandler handler = new ProviderWebhookHandler(services("{\"providers\": {\"postmark\": {\"enabled\": true}}}"));

        handler.handleRequest(event("postmark", "bounce-hard"), null);
        handler.handleRequest(event("postmark", "bounce-hard"), null);

        assertEquals(List.of("bounce postmark hard RECORDED", "bounce postmark hard DUPLICATE"), metrics.counted());
        assertEquals(2, metrics.flushes());
    }

    @Test
    void aBounceWithoutSubscriberUnderPolicyIgnoreIsRefused() {
        ProviderWebhookHandler handler = new ProviderWebhookHandler(services(
                "{\"unknown_subscriber\": \"ignore\", \"providers\": {\"postmark\": {\"enabled\": true}}}"));

        handler.handleRequest(event("postmark", "bounce-hard"), null);

        assertEquals(List.of("bounce postmark hard REFUSED"), metrics.counted());
    }

    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource({"sendgrid, bounce, BAD_SIGNATURE, tampered", "postmark, bounce-hard, AUTH, tampered",
            "sendgrid, bounce, STALE, late", "mailgun, failed-permanent, REPLAY, twice"})
    void rejectedRequestsAreCountedByReason(String provider, String fixture, String reason, String how) {
        ProviderWebhookHandler handler = new ProviderWebhookHandler(services(
                "{\"providers\": {\"" + provider + "\": {\"enabled\": true}}}"));
        APIGatewayV2HTTPEvent request = event(provider, fixture);
        switch (how) {
            case "tampered" -> {
                request.setBody(request.getBody().replace("example.org", "example.orq"));
                request.getHeaders().put("authorization", "Basic cG9zdG1hcmstaG9vazpndWVzcw==");
            }
            case "late" -> now.set(SIGNED_AT.plusSeconds(3600));
            default -> handler.handleRequest(event(provider, fixture), null);
        }

        handler.handleRequest(request, null);

        assertEquals("rejected " + provider + " " + reason, metrics.counted().get(metrics.counted().size() - 1));
    }

    @Test
    void theNativeWebhookCountsARefusedCaller() {
        WebhookBounceHandler handler = new WebhookBounceHandler(services("{}"));
        APIGatewayV2HTTPEvent request = ProviderFixtures.JSON.convertValue(Map.of(
                "rawPath", "/webhooks/bounce", "headers", Map.of("authorization", "token nobody:guess"),
                "requestContext", Map.of("requestId", "r-1", "http", Map.of("method", "POST")),
                "body", "{}"), APIGatewayV2HTTPEvent.class);

        assertEquals(401, handler.handleRequest(request, null).getStatusCode());
        assertEquals(List.of("rejected webhook AUTH"), metrics.counted());
    }

    @Test
    void anAppliedActionAndTheSuppressionItPutsAreCounted() {
        Tables tables = DynamoDbLocal.freshTables();
        Components services = DynamoDbLocal.services().tables(tables).metrics(metrics).clock(now::get)
                .settings(Settings.parse("{\"ses\": {\"suppression_sync\": true}, \"providers\": {\"postmark\": {\"enabled\": true}}}",
                        ProviderFixtures.JSON))
                .secrets(ProviderFixtures::secrets)
                .suppressionList(DynamoSuppressionList.createIfMissing(DynamoDbLocal.client(), tables, now::get))
                .build();
        new ProviderWebhookHandler(services).handleRequest(event("postmark", "bounce-hard"), null);
        Bounce recorded = services.bounces().listBySubscriber(services.subscribers()
                .findByEmail("gone.user@example.org").orElseThrow().uuid()).get(0);

        services.thresholdProcessor().process(recorded);
        services.suppressionList().remove("gone.user@example.org");
        services.suppressionList().remove("gone.user@example.org");

        assertEquals(BounceType.HARD, recorded.type());
        assertEquals(List.of("bounce postmark hard RECORDED", "action blocklist", "suppression added", "suppression removed"),
                metrics.counted());
    }

    private Components services(String settings) {
        return DynamoDbLocal.services().metrics(metrics).clock(now::get)
                .settings(Settings.parse(settings, ProviderFixtures.JSON))
                .secrets(ProviderFixtures::secrets)
                .build();
    }
}
