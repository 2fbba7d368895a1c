package io.stmails.mailbox;

import io.stmails.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The scan schedule the settings ask for: every enabled mailbox with its interval, none while bounce
 * processing is disabled. The CDK stack makes one EventBridge rule per entry; the local runner runs
 * the same entries with a timer. Each scan is started with the event {@code {"mailbox": "<name>"}}.
 */
public final class MailboxSchedule {
    public record Entry(String mailbox, Duration interval) {
    }

    private MailboxSchedule() {
    }

    public static List<Entry> entries(Settings settings) {
        if (!settings.bounce().enabled()) {
            return List.of();
        }
        return MailboxSettings.all(settings).stream()
                .filter(MailboxConfig::enabled)
                .map(mailbox -> new Entry(mailbox.name(), mailbox.scanInterval()))
                .toList();
    }
}
