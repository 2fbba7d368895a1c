package io.stmails.providers;

import static io.stmails.providers.ProviderFixtures.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.Settings;
import io.stmails.wiring.Components;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.providers.catalog.ProviderCatalog;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A validly signed provider request is held to the same limits as the native webhook: 400 naming the field, nothing recorded. */
class ProviderInputLimitsIT {
    private Tables tables;
    private ProviderWebhook webhook;

    @BeforeEach
    void setUp() {
        tables = DynamoDbLocal.freshTables();
        Components services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse("{\"providers\": {\"sendgrid\": {\"enabled\": true}}}", ProviderFixtures.JSON))
                .secrets(ProviderFixtures::secrets)
                .clock(() -> SIGNED_AT.plusSeconds(2))
                .build();
        webhook = new ProviderWebhook(services.settings().bounce(), ProviderCatalog.from(services.settings()), services.secrets(),
                services.recorder(), services.responses(), services.json(), services.clock(), services.metrics());
    }

    @Test
    void aControlCharacterInTheRecipientIsA400NamingEmail() {
        HttpResponse response = sendGrid(event -> event.put("email", "gone.user\u0001@example.org"));
        assertRefused(response, "email");
    }

    @Test
    void idsTooLongForADedupeKeyAreA400() {
        assertRefused(sendGrid(event -> event.put("sg_message_id", "m".repeat(3000))), "dedupe key");
    }

    @Test
    void trailingDataAfterASignedBodyIsA400() {
        HttpRequest template = ProviderFixtures.request("sendgrid", "bounce");
        byte[] body = (new String(template.body(), StandardCharsets.UTF_8) + " []").getBytes(StandardCharsets.UTF_8);
        assertRefused(webhook.handle(ProviderFixtures.signedSendGrid(template, body, SIGNED_AT)), "Invalid data");
    }

    @Test
    void invalidUtf8InASignedBodyIsA400() {
        HttpRequest template = ProviderFixtures.request("sendgrid", "bounce");
        String text = new String(template.body(), StandardCharsets.UTF_8).replace("gone.user", "gone.\u00e9ser");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        int at = text.indexOf('\u00e9');
        body[at + 1] = (byte) 0x28;
        assertRefused(webhook.handle(ProviderFixtures.signedSendGrid(template, body, SIGNED_AT)), "UTF-8");
    }

    private HttpResponse sendGrid(Consumer<ObjectNode> change) {
        HttpRequest template = ProviderFixtures.request("sendgrid", "bounce");
        ArrayNode events = (ArrayNode) ProviderFixtures.body(template);
        change.accept((ObjectNode) events.get(0));
        return webhook.handle(ProviderFixtures.signedSendGrid(template, events.toString().getBytes(StandardCharsets.UTF_8),
                SIGNED_AT));
    }

    private void assertRefused(HttpResponse response, String named) {
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains(named), response.body());
        assertEquals(0, DynamoDbLocal.client().scan(b -> b.tableName(tables.bounces())).count());
    }
}
