package io.stmails.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxSettingsTest {
    private final ObjectMapper json = new ObjectMapper();

    private Settings settings(String mailboxes) {
        return Settings.parse("{\"mailboxes\": " + mailboxes + "}", json);
    }

    @Test
    void defaultsAreImplicitTlsOn995KeepingAnythingUnrecognised() {
        List<MailboxConfig> all = MailboxSettings.all(settings(
                "[{\"name\": \"bounces\", \"host\": \"pop.example.com\", \"username\": \"bounces@example.com\"}]"));
        MailboxConfig mailbox = all.get(0);
        assertEquals(MailboxConfig.Security.TLS, mailbox.security());
        assertEquals(995, mailbox.port());
        assertTrue(mailbox.enabled());
        assertFalse(mailbox.tlsSkipVerify());
        assertEquals(1000, mailbox.maxMessages());
        assertEquals(Duration.ofMinutes(15), mailbox.scanInterval());
        assertEquals(Duration.ofSeconds(10), mailbox.connectTimeout());
        assertEquals(Duration.ofSeconds(30), mailbox.readTimeout());
        assertEquals(MailboxConfig.Policy.KEEP, mailbox.nonBounces());
        assertEquals(MailboxConfig.Policy.KEEP, mailbox.unrecognised());
        assertFalse(mailbox.recordDelays());
        assertTrue(mailbox.verp().matcher("bounces+3b0b1e7a-5f2c-4d1e-9a8b-7c6d5e4f3a2b@example.com").find());
    }

    @Test
    void starttlsAndPlainDefaultToPort110AndAnEmptyVerpPatternDisablesIt() {
        List<MailboxConfig> all = MailboxSettings.all(settings("""
                [{"name": "a", "host": "h", "username": "u", "security": "starttls"},
                 {"name": "b", "host": "h", "username": "u", "security": "plain", "port": 1110, "verp_pattern": ""}]"""));
        assertEquals(110, all.get(0).port());
        assertEquals(1110, all.get(1).port());
        assertNull(all.get(1).verp());
    }

    @Test
    void noSectionMeansNoMailboxes() {
        assertTrue(MailboxSettings.all(Settings.defaults()).isEmpty());
    }

    @Test
    void errorsNameTheField() {
        assertMessage("mailboxes must be an array", "{\"name\": \"a\"}");
        assertMessage("mailboxes[0].host is required", "[{\"name\": \"a\", \"username\": \"u\"}]");
        assertMessage("mailboxes[1].name: 'a' is used twice",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\"}, {\"name\": \"a\", \"host\": \"h\", \"username\": \"u\"}]");
        assertMessage("mailboxes[0].security: 'ssl' is not one of tls, starttls, plain",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"security\": \"ssl\"}]");
        assertMessage("mailboxes[0].port must be a whole number from 1 to 65535",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"port\": 0}]");
        assertMessage("mailboxes[0].unrecognised: 'drop' is not one of keep, delete",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"unrecognised\": \"drop\"}]");
        assertMessage("mailboxes[0].verp_pattern: needs a group named subscriber",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"verp_pattern\": \"^bounces@\"}]");
        assertMessage("mailboxes[0].pasword: unknown field",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"pasword\": \"x\"}]");
        assertMessage("mailboxes[0].name: 'a b'", "[{\"name\": \"a b\", \"host\": \"h\", \"username\": \"u\"}]");
        assertMessage("mailboxes[0].scan_interval: '30s' must be whole minutes",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"scan_interval\": \"30s\"}]");
        assertMessage("mailboxes[0].scan_interval: 'soon' is not a duration",
                "[{\"name\": \"a\", \"host\": \"h\", \"username\": \"u\", \"scan_interval\": \"soon\"}]");
    }

    @Test
    void thePasswordComesFromTheSecrets() {
        Secrets secrets = Secrets.parse("{\"mailboxes\": {\"bounces\": {\"password\": \"s3cret\"}}}", json);
        assertEquals("s3cret", MailboxSettings.password(secrets, "bounces"));
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class,
                () -> MailboxSettings.password(secrets, "other"));
        assertEquals("secrets: mailboxes.other.password is required", missing.getMessage());
    }

    @Test
    void theScheduleListsEnabledMailboxesOnlyWhileBounceProcessingIsOn() {
        String mailboxes = """
                [{"name": "a", "host": "h", "username": "u", "scan_interval": "1h30m"},
                 {"name": "b", "host": "h", "username": "u", "enabled": false}]""";
        assertEquals(List.of(new MailboxSchedule.Entry("a", Duration.ofMinutes(90))),
                MailboxSchedule.entries(settings(mailboxes)));
        Settings off = Settings.parse("{\"enabled\": false, \"mailboxes\": " + mailboxes + "}", json);
        assertTrue(MailboxSchedule.entries(off).isEmpty());
    }

    private void assertMessage(String expectedStart, String mailboxes) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> MailboxSettings.all(settings(mailboxes)));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
