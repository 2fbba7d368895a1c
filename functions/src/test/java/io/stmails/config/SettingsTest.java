package io.stmails.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.BounceType;
import io.stmails.domain.Threshold;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.UnknownSubscriberPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void emptyDocumentGivesListmonksFreshInstallThresholds() {
        Settings settings = Settings.parse("{}", json);
        assertEquals(new Threshold(2, ThresholdAction.NONE), settings.bounce().thresholdFor(BounceType.SOFT));
        assertEquals(new Threshold(1, ThresholdAction.BLOCKLIST), settings.bounce().thresholdFor(BounceType.HARD));
        assertEquals(new Threshold(1, ThresholdAction.BLOCKLIST), settings.bounce().thresholdFor(BounceType.COMPLAINT));
        assertTrue(settings.bounce().enabled());
        assertTrue(settings.bounce().blocklistUnsubscribesLists());
        assertEquals(UnknownSubscriberPolicy.CREATE, settings.bounce().unknownSubscriber());
    }

    @Test
    void partialActionsKeepTheOtherDefaults() {
        Settings settings = Settings.parse("""
                {"enabled": false, "actions": {"soft": {"count": 3}, "hard": {"action": "delete"}},
                 "unknown_subscriber": "ignore", "count_window_days": 30, "domain_blocklist": ["Spam.Example"]}""", json);
        assertFalse(settings.bounce().enabled());
        assertEquals(new Threshold(3, ThresholdAction.NONE), settings.bounce().thresholdFor(BounceType.SOFT));
        assertEquals(new Threshold(1, ThresholdAction.DELETE), settings.bounce().thresholdFor(BounceType.HARD));
        assertEquals(UnknownSubscriberPolicy.IGNORE, settings.bounce().unknownSubscriber());
        assertEquals(Duration.ofDays(30), settings.bounce().countWindow());
        assertTrue(settings.bounce().domainBlocklist().contains("spam.example"));
    }

    @Test
    void eachTypeMayHaveItsOwnWindowResetAndRetention() {
        Settings settings = Settings.parse("""
                {"count_window_days": 90, "actions": {
                  "soft": {"count": 3, "action": "unsubscribe", "count_window_days": 30, "reset_after_days": 14, "retention_days": 180},
                  "hard": {"count_window_days": 0, "retention_days": 30}}}""", json);
        assertEquals(new Threshold(3, ThresholdAction.UNSUBSCRIBE, Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(180)),
                settings.bounce().thresholdFor(BounceType.SOFT));
        assertEquals(new Threshold(1, ThresholdAction.BLOCKLIST, Duration.ZERO, null, Duration.ofDays(30)),
                settings.bounce().thresholdFor(BounceType.HARD));
        assertEquals(new Threshold(1, ThresholdAction.BLOCKLIST), settings.bounce().thresholdFor(BounceType.COMPLAINT));
        JsonNode described = settings.describe(json).path("actions");
        assertEquals(14, described.path("soft").path("reset_after_days").asInt());
        assertEquals(0, described.path("hard").path("count_window_days").asInt());
        assertTrue(described.path("complaint").path("retention_days").isMissingNode());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"actions\": {\"hard\": {\"action\": \"explode\"}}}|actions.hard.action",
        "{\"actions\": {\"hard\": {\"count\": 0}}}|actions.hard.count",
        "{\"actions\": {\"bogus\": {}}}|actions.bogus",
        "{\"enabled\": \"yes\"}|enabled",
        "{\"unknown_subscriber\": \"maybe\"}|unknown_subscriber",
        "{\"webhook_enabled\": true}|webhook_enabled",
        "{\"count_window_days\": -1}|count_window_days",
        "{\"actions\": {\"soft\": {\"count_window_days\": -1}}}|actions.soft.count_window_days",
        "{\"actions\": {\"soft\": {\"reset_after_days\": 0}}}|actions.soft.reset_after_days",
        "{\"actions\": {\"hard\": {\"retention_days\": 0}}}|actions.hard.retention_days",
        "{\"actions\": {\"hard\": {\"window\": 3}}}|actions.hard: unknown setting 'window'",
        "{\"count_window_days\": 90, \"actions\": {\"soft\": {\"retention_days\": 30}}}|actions.soft.retention_days (30) is shorter than its count window (90 days)",
        "[1]|JSON object",
        "{nope|not valid JSON"})
    void invalidSettingsNameTheField(String document, String named) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Settings.parse(document, json));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void secretsParseApiUsersAndRejectUnknownPermissions() {
        Secrets secrets = Secrets.parse("""
                {"api_users": [{"username": "ops", "token": "t0k", "permissions": ["bounces:get"]},
                               {"username": "root", "token": "r00t"}]}""", json);
        assertTrue(secrets.apiUser("ops").orElseThrow().may("bounces:get"));
        assertFalse(secrets.apiUser("ops").orElseThrow().may("webhooks:post_bounce"));
        assertTrue(secrets.apiUser("root").orElseThrow().may("webhooks:post_bounce"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Secrets.parse(
                "{\"api_users\": [{\"username\": \"x\", \"token\": \"y\", \"permissions\": [\"everything\"]}]}", json));
        assertTrue(e.getMessage().contains("api_users[0].permissions"), e.getMessage());
    }

    @Test
    void invalidSecretsNeverEchoTheDocument() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Secrets.parse("{\"api_users\": [{\"token\": \"hunter2\"", json));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
