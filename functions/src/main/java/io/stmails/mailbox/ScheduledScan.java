package io.stmails.mailbox;

import io.stmails.config.SecretsSource;
import io.stmails.config.Settings;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** One scheduled scan: finds the named mailbox in the settings, its password in the secrets, and scans it. */
public final class ScheduledScan {
    /** Why nothing was scanned, or the scan's result. */
    public record Outcome(String skipped, ScanResult result) {
    }

    private final Settings settings;
    private final SecretsSource secrets;
    private final MailboxScanner scanner;

    public ScheduledScan(Settings settings, SecretsSource secrets, MailboxScanner scanner) {
        this.settings = settings;
        this.secrets = secrets;
        this.scanner = scanner;
    }

    /**
     * @param mailboxName the mailbox the schedule names; may be null when exactly one mailbox is configured
     * @throws IllegalArgumentException when no such mailbox is configured
     */
    public Outcome run(String mailboxName, LongSupplier remainingMillis) {
        MailboxConfig mailbox = find(mailboxName);
        if (!settings.bounce().enabled()) {
            return new Outcome("bounce processing is disabled (settings: enabled is false)", null);
        }
        if (!mailbox.enabled()) {
            return new Outcome("mailbox " + mailbox.name() + " is disabled", null);
        }
        String password = MailboxSettings.password(secrets.current(), mailbox.name());
        return new Outcome(null, scanner.scan(mailbox, password, remainingMillis));
    }

    private MailboxConfig find(String name) {
        List<MailboxConfig> mailboxes = MailboxSettings.all(settings);
        if (name == null || name.isBlank()) {
            if (mailboxes.size() == 1) {
                return mailboxes.get(0);
            }
            throw new IllegalArgumentException("the event names no mailbox (detail: {\"mailbox\": \"<name>\"}) and "
                    + mailboxes.size() + " are configured");
        }
        Optional<MailboxConfig> found = mailboxes.stream().filter(m -> m.name().equals(name)).findFirst();
        return found.orElseThrow(() -> new IllegalArgumentException("no mailbox named '" + name
                + "' in the settings (configured: " + String.join(", ", mailboxes.stream().map(MailboxConfig::name).toList())
                + ")"));
    }
}
