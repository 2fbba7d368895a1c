package io.stmails.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.config.InvalidSettingsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When one POP3 mailbox is scanned. Only {@code name}, {@code enabled} (default true) and
 * {@code scan_interval} (default 15m, written as listmonk writes it: "15m", "1h30m") are read here;
 * the scanner owns the rest of each mailbox entry.
 */
public record MailboxSchedule(String name, Duration interval) {
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    private static final Pattern INTERVAL = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** The enabled mailboxes of the settings' {@code mailboxes} array. */
    static List<MailboxSchedule> enabledIn(JsonNode mailboxes) {
        if (mailboxes == null || mailboxes.isNull() || mailboxes.isMissingNode()) {
            return List.of();
        }
        if (!mailboxes.isArray()) {
            throw new InvalidSettingsException("mailboxes must be an array of mailbox objects");
        }
        List<MailboxSchedule> schedules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < mailboxes.size(); i++) {
            String field = "mailboxes[" + i + "]";
            JsonNode mailbox = mailboxes.get(i);
            if (!mailbox.isObject()) {
                throw new InvalidSettingsException(field + " must be an object");
            }
            JsonNode name = mailbox.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new InvalidSettingsException(field + ".name is required");
            }
            if (!names.add(name.asText())) {
                throw new InvalidSettingsException(field + ".name: '" + name.asText() + "' is used twice");
            }
            JsonNode enabled = mailbox.get("enabled");
            if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
                throw new InvalidSettingsException(field + ".enabled must be true or false");
            }
            if (enabled == null || enabled.isNull() || enabled.booleanValue()) {
                schedules.add(new MailboxSchedule(name.asText(), interval(mailbox.get("scan_interval"), field)));
            }
        }
        return schedules;
    }

    private static Duration interval(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return DEFAULT_INTERVAL;
        }
        String text = value.asText().trim();
        Matcher matcher = INTERVAL.matcher(text);
        if (!value.isTextual() || text.isEmpty() || !matcher.matches()) {
            throw new InvalidSettingsException(field + ".scan_interval: '" + value.asText()
                    + "' is not a duration like 15m, 1h or 1h30m");
        }
        Duration interval = Duration.ofHours(number(matcher.group(1)))
                .plusMinutes(number(matcher.group(2)))
                .plusSeconds(number(matcher.group(3)));
        if (interval.toMinutes() < 1 || interval.toSecondsPart() != 0) {
            throw new InvalidSettingsException(field + ".scan_interval: '" + text
                    + "' must be whole minutes, at least 1m (EventBridge schedules run at minute granularity)");
        }
        return interval;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
