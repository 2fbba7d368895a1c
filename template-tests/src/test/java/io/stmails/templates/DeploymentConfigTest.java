package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.infra.DeploymentConfig;
import io.stmails.mailbox.MailboxSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** A wrong context value stops the synth with a message that names the key and the field. */
class DeploymentConfigTest {

    @Test
    void anInvalidSettingFailsNamingTheField() {
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"actions\": {\"soft\": {\"count\": 0}}}"),
                "context stmails:settings: actions.soft.count must be a whole number from 1 to 1000");
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"enabeld\": true}"),
                "context stmails:settings: unknown setting 'enabeld'");
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"enabled\": "), "context stmails:settings is not valid JSON");
    }

    @Test
    void aMailboxScheduleMustBeWholeMinutesAndNamesUnique() {
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"mailboxes\": [{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"scan_interval\": \"90s\"}]}"),
                "mailboxes[0].scan_interval: '90s' must be whole minutes");
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"mailboxes\": [{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"scan_interval\": \"soon\"}]}"),
                "mailboxes[0].scan_interval: 'soon' is not a duration");
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"mailboxes\": [{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\"}, {\"name\": \"a\", \"host\": \"h\", \"username\": \"u\"}]}"),
                "mailboxes[1].name: 'a' is used twice");
        assertFails(Map.of(DeploymentConfig.SETTINGS, "{\"mailboxes\": [{\"enabled\": true}]}"),
                "mailboxes[0].name is required");
    }

    @Test
    void mailboxesDefaultToEnabledEveryFifteenMinutes() {
        DeploymentConfig config = config(Map.of(DeploymentConfig.SETTINGS,
                "{\"mailboxes\": [{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\"}, {\"name\": \"b\", \"host\": \"h\", \"username\": \"u\", \"enabled\": false}, {\"name\": \"c\", \"host\": \"h\", \"username\": \"u\", \"scan_interval\": \"2h\"}]}"));
        assertEquals(List.of(new MailboxSchedule.Entry("a", Duration.ofMinutes(15)), new MailboxSchedule.Entry("c", Duration.ofHours(2))),
                config.mailboxes());
    }

    @Test
    void settingsTooLargeForTheLambdaEnvironmentAreRefused() {
        String big = "{\"domain_blocklist\": [" + "\"a-long-domain-name-for-testing.example\",".repeat(100) + "\"x.example\"]}";
        assertFails(Map.of(DeploymentConfig.SETTINGS, big), "keep it under 3072 bytes");
    }

    @Test
    void theDeploymentJarMustExist() {
        assertFails(Map.of(DeploymentConfig.FUNCTIONS_JAR, "target/no-such.jar"),
                "does not exist: build it first with `mvn package`");
    }

    @Test
    void optionsOutsideTheirRangeFailNamingTheKey() {
        assertFails(Map.of(DeploymentConfig.SES_EVENTBRIDGE, "yes"), "context stmails:sesEventBridge must be true or false");
        assertFails(Map.of(DeploymentConfig.LOG_RETENTION_DAYS, "45"),
                "context stmails:logRetentionDays must be one of the periods CloudWatch Logs offers");
        assertFails(Map.of(DeploymentConfig.API_RATE_LIMIT, "0"), "context stmails:apiRateLimit must be a whole number");
        assertFails(Map.of(DeploymentConfig.NAME_PREFIX, "Stmails_"), "context stmails:namePrefix must be");
        assertFails(Map.of(DeploymentConfig.SES_CONFIGURATION_SET_DESTINATION, "s3"),
                "context stmails:sesConfigurationSetDestination must be sns or eventbridge");
    }

    private static void assertFails(Map<String, Object> overrides, String expected) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> config(overrides));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    private static DeploymentConfig config(Map<String, Object> overrides) {
        App app = new App(AppProps.builder().context(Synthesized.contextFor(overrides)).build());
        return DeploymentConfig.from(app.getNode());
    }
}
