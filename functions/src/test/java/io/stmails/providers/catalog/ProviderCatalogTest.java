package io.stmails.providers.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Settings;
import io.stmails.http.Route;
import io.stmails.providers.ProviderFixtures;
import io.stmails.providers.ProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderCatalogTest {

    @Test
    void everyProviderIsDisabledUnlessItsSectionSaysEnabled() {
        ProviderSettings none = ProviderCatalog.parse(null);
        ProviderCatalog.names().forEach(name -> assertTrue(none.enabled(name).isEmpty(), name));

        ProviderSettings some = parse("{\"sendgrid\": {\"enabled\": true}, \"postmark\": {\"enabled\": false}, \"azure\": {}}");
        assertEquals("sendgrid", some.enabled("sendgrid").orElseThrow().name());
        assertTrue(some.enabled("postmark").isEmpty());
        assertTrue(some.enabled("azure").isEmpty());
        assertTrue(some.enabled("mailgun").isEmpty());
    }

    @Test
    void everyKnownProviderCanBeEnabledAndNamesItself() {
        String all = ProviderCatalog.names().stream().map(name -> "\"" + name + "\": {\"enabled\": true}")
                .collect(Collectors.joining(",", "{", "}"));
        ProviderSettings settings = parse(all);
        ProviderCatalog.names().forEach(name -> assertEquals(name, settings.enabled(name).orElseThrow().name()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[]                                                        | providers must be an object",
            "{\"mailgunx\": {}}                                        | providers.mailgunx: unknown provider",
            "{\"sendgrid\": true}                                      | providers.sendgrid must be an object",
            "{\"sendgrid\": {\"enabled\": \"yes\"}}                    | providers.sendgrid.enabled must be true or false",
            "{\"sendgrid\": {\"replay_window_seconds\": 0}}            | providers.sendgrid.replay_window_seconds must be",
            "{\"sendgrid\": {\"replay_window_seconds\": 1.5}}          | providers.sendgrid.replay_window_seconds must be",
            "{\"lettermint\": {\"replay_window_seconds\": 999999}}     | providers.lettermint.replay_window_seconds must be",
            "{\"azure\": {\"shared_secret_header\": \" \"}}            | providers.azure.shared_secret_header must be",
            "{\"postmark\": {\"enabled\": true, \"password\": \"x\"}}  | providers.postmark.password: unknown setting (known: enabled)",
            "{\"sendgrid\": {\"replay_window\": 60}}                   | providers.sendgrid.replay_window: unknown setting",
            "{\"mailgun\": {\"replay_window_seconds\": -5}}            | providers.mailgun.replay_window_seconds must be",
            "{\"brevo\": {\"token_header\": 7}}                        | providers.brevo.token_header must be",
            "{\"mailjet\": {\"token_header\": \"X-Key\"}}              | providers.mailjet.token_header: unknown setting (known: enabled)",
            "{\"resend\": {\"signing_secret\": \"whsec_x\"}}           | providers.resend.signing_secret: unknown setting",
    })
    void invalidSettingsNameTheField(String json, String message) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith(message.trim()), e.getMessage());
    }

    @Test
    void theSettingsDocumentsProvidersSectionIsValidatedWhenRead() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> ProviderCatalog.from(Settings.parse(
                "{\"providers\": {\"sendgrid\": {\"enabled\": 1}}}", ProviderFixtures.JSON)));
        assertTrue(e.getMessage().contains("providers.sendgrid.enabled"), e.getMessage());

        Settings settings = Settings.parse("{\"providers\": {\"lettermint\": {\"enabled\": true, \"replay_window_seconds\": 120}}}",
                ProviderFixtures.JSON);
        assertTrue(ProviderCatalog.from(settings).enabled("lettermint").isPresent());
    }

    @Test
    void describeShowsEveryProviderWithItsDefaults() {
        JsonNode described = ProviderCatalog.from(Settings.parse("{\"providers\": {\"sendgrid\": {\"enabled\": true}}}",
                ProviderFixtures.JSON)).describe();
        assertEquals(Set.copyOf(ProviderCatalog.names()), fieldNames(described));
        assertTrue(described.get("sendgrid").get("enabled").booleanValue());
        assertEquals(300, described.get("sendgrid").get("replay_window_seconds").intValue());
        assertFalse(described.get("postmark").get("enabled").booleanValue());
        assertEquals("X-Listmonk-Webhook-Secret", described.get("azure").get("shared_secret_header").asText());
        assertEquals("Authorization", described.get("brevo").get("token_header").asText());
        assertEquals("X-Api-Key", described.get("sparkpost").get("token_header").asText());
        assertEquals(300, described.get("mailgun").get("replay_window_seconds").intValue());
        assertEquals(300, described.get("resend").get("replay_window_seconds").intValue());
    }

    @Test
    void everyProviderHasItsFunctionAndEveryProviderFunctionAProvider() {
        List<FunctionCatalog> providerFunctions = Arrays.stream(FunctionCatalog.values())
                .filter(f -> f.handlerClass().equals("io.stmails.handler.ProviderWebhookHandler"))
                .toList();
        assertEquals(ProviderCatalog.names().size(), providerFunctions.size());
        for (String name : ProviderCatalog.names()) {
            FunctionCatalog function = FunctionCatalog.byName("webhook-" + name).orElseThrow(() -> new AssertionError(name));
            assertEquals(FunctionCatalog.Trigger.HTTP, function.trigger());
            assertEquals(List.of(new Route("POST", "/webhooks/service/" + name)), function.routes());
            assertEquals("io.stmails.handler.ProviderWebhookHandler", function.handlerClass());
            assertEquals(function, FunctionCatalog.route("POST", "/webhooks/service/" + name).orElseThrow().function());
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ProviderSettings parse(String json) {
        try {
            return ProviderCatalog.parse(ProviderFixtures.JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
