package io.stmails.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.config.SettingsBinder;
import io.stmails.config.SettingsBinder.UnknownField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code mailboxes} settings section (an array of mailbox objects) and each mailbox's
 * password from the secrets ({@code "mailboxes": {"<name>": {"password": "..."}}}). Every problem is
 * an {@link InvalidSettingsException} that names the field.
 */
public final class MailboxSettings {
    private MailboxSettings() {
    }

    /** Every mailbox, enabled or not, in the order written. */
    public static List<MailboxConfig> all(Settings settings) {
        JsonNode section = settings.document().get("mailboxes");
        if (section == null || section.isNull()) {
            return List.of();
        }
        MailboxSection[] written = SettingsBinder.bind(section, MailboxSection[].class, "mailboxes",
                UnknownField.FIELD_PATH);
        List<MailboxConfig> mailboxes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < written.length; i++) {
            if (written[i] == null) {
                throw new InvalidSettingsException("mailboxes[" + i + "] must be an object");
            }
            MailboxConfig mailbox = written[i].config();
            if (!names.add(mailbox.name())) {
                throw new InvalidSettingsException("mailboxes[" + i + "].name: '" + mailbox.name() + "' is used twice");
            }
            mailboxes.add(mailbox);
        }
        return mailboxes;
    }

    /** The mailbox's password from the secrets document; never logged. */
    public static String password(Secrets secrets, String mailbox) {
        JsonNode entry = secrets.section("mailboxes").get(mailbox);
        JsonNode password = entry == null ? null : entry.get("password");
        if (password == null || !password.isTextual() || password.asText().isEmpty()) {
            throw new InvalidSettingsException("secrets: mailboxes." + mailbox + ".password is required");
        }
        return password.asText();
    }
}
