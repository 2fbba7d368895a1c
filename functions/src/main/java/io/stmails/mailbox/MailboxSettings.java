package io.stmails.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.mailbox.parser.BounceParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code mailboxes} settings section (an array of mailbox objects) and each mailbox's
 * password from the secrets ({@code "mailboxes": {"<name>": {"password": "..."}}}). Every problem is
 * an {@link InvalidSettingsException} that names the field.
 */
public final class MailboxSettings {
    private static final Set<String> FIELDS = Set.of("name", "enabled", "host", "port", "security", "tls_skip_verify",
            "username", "connect_timeout_seconds", "read_timeout_seconds", "max_messages", "scan_interval",
            "non_bounces", "unrecognised", "record_delays", "verp_pattern");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** listmonk's way of writing the interval: "15m", "1h", "1h30m". */
    private static final Pattern INTERVAL = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private MailboxSettings() {
    }

    /** Every mailbox, enabled or not, in the order written. */
    public static List<MailboxConfig> all(Settings settings) {
        JsonNode section = settings.section("mailboxes");
        if (section.isObject() && section.isEmpty()) {
            return List.of();
        }
        if (!section.isArray()) {
            throw new InvalidSettingsException("mailboxes must be an array of mailbox objects");
        }
        List<MailboxConfig> mailboxes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < section.size(); i++) {
            MailboxConfig mailbox = mailbox(section.get(i), "mailboxes[" + i + "]");
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

    private static MailboxConfig mailbox(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new InvalidSettingsException(field + " must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidSettingsException(field + "." + name + ": unknown field (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String name = text(node, "name", field, null);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSettingsException(field + ".name: '" + name
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        MailboxConfig.Security security = security(node, field);
        return new MailboxConfig(
                name,
                bool(node, "enabled", field, true),
                text(node, "host", field, null),
                integer(node, "port", field, security.defaultPort(), 1, 65535),
                security,
                bool(node, "tls_skip_verify", field, false),
                text(node, "username", field, null),
                Duration.ofSeconds(integer(node, "connect_timeout_seconds", field, 10, 1, 120)),
                Duration.ofSeconds(integer(node, "read_timeout_seconds", field, 30, 1, 300)),
                integer(node, "max_messages", field, 1000, 1, 10000),
                interval(node, field),
                policy(node, "non_bounces", field),
                policy(node, "unrecognised", field),
                bool(node, "record_delays", field, false),
                verp(node, field));
    }

    /** Whole minutes, at least one: EventBridge schedules run at minute granularity. */
    private static Duration interval(JsonNode node, String field) {
        String text = text(node, "scan_interval", field, "15m");
        Matcher matcher = INTERVAL.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw new InvalidSettingsException(field + ".scan_interval: '" + text + "' is not a duration like 15m, 1h or 1h30m");
        }
        Duration interval = Duration.ofHours(number(matcher.group(1))).plusMinutes(number(matcher.group(2)))
                .plusSeconds(number(matcher.group(3)));
        if (interval.toMinutes() < 1 || interval.toSecondsPart() != 0) {
            throw new InvalidSettingsException(field + ".scan_interval: '" + text + "' must be whole minutes, at least 1m");
        }
        return interval;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static MailboxConfig.Security security(JsonNode node, String field) {
        String value = text(node, "security", field, "tls");
        for (MailboxConfig.Security security : MailboxConfig.Security.values()) {
            if (security.wire().equals(value)) {
                return security;
            }
        }
        throw new InvalidSettingsException(field + ".security: '" + value + "' is not one of tls, starttls, plain");
    }

    private static MailboxConfig.Policy policy(JsonNode node, String name, String field) {
        String value = text(node, name, field, "keep");
        for (MailboxConfig.Policy policy : MailboxConfig.Policy.values()) {
            if (policy.wire().equals(value)) {
                return policy;
            }
        }
        throw new InvalidSettingsException(field + "." + name + ": '" + value + "' is not one of keep, delete");
    }

    /** The VERP pattern; the default when absent, none when set to an empty string. */
    private static Pattern verp(JsonNode node, String field) {
        String value = text(node, "verp_pattern", field, BounceParser.DEFAULT_VERP);
        if (value.isEmpty()) {
            return null;
        }
        try {
            Pattern pattern = Pattern.compile(value);
            if (!value.contains("(?<subscriber>")) {
                throw new InvalidSettingsException(field + ".verp_pattern: needs a group named subscriber, "
                        + "e.g. ^bounces\\+(?<subscriber>[0-9a-f-]{36})@");
            }
            return pattern;
        } catch (PatternSyntaxException e) {
            throw new InvalidSettingsException(field + ".verp_pattern: not a valid regular expression: "
                    + e.getDescription());
        }
    }

    private static String text(JsonNode node, String name, String field, String fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new InvalidSettingsException(field + "." + name + " is required");
            }
            return fallback;
        }
        if (!value.isTextual() || (fallback == null && value.asText().isBlank())) {
            throw new InvalidSettingsException(field + "." + name + " must be a non-empty string");
        }
        return name.equals("verp_pattern") ? value.asText() : value.asText().trim();
    }

    private static boolean bool(JsonNode node, String name, String field, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidSettingsException(field + "." + name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static int integer(JsonNode node, String name, String field, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new InvalidSettingsException(field + "." + name + " must be a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }
}
