package io.stmails.mailbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stmails.config.FieldProblem;
import io.stmails.mailbox.parser.BounceParser;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One entry of the {@code mailboxes} settings array as written; binds to {@link MailboxConfig}. */
record MailboxSection(
        @JsonProperty("name") String name,
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("host") String host,
        @JsonProperty("port") Long port,
        @JsonProperty("security") String security,
        @JsonProperty("tls_skip_verify") Boolean tlsSkipVerify,
        @JsonProperty("username") String username,
        @JsonProperty("connect_timeout_seconds") Long connectTimeoutSeconds,
        @JsonProperty("read_timeout_seconds") Long readTimeoutSeconds,
        @JsonProperty("max_messages") Long maxMessages,
        @JsonProperty("scan_interval") String scanInterval,
        @JsonProperty("non_bounces") String nonBounces,
        @JsonProperty("unrecognised") String unrecognised,
        @JsonProperty("record_delays") Boolean recordDelays,
        @JsonProperty("verp_pattern") String verpPattern) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** listmonk's way of writing the interval: "15m", "1h", "1h30m". */
    private static final Pattern INTERVAL = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    MailboxSection {
        name = required(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new FieldProblem("name", ": '" + name
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        MailboxConfig.Security mode = security(security);
        host = required(host, "host");
        port = FieldProblem.within(port, mode.defaultPort(), 1, 65535, "port");
        username = required(username, "username");
        connectTimeoutSeconds = FieldProblem.within(connectTimeoutSeconds, 10, 1, 120, "connect_timeout_seconds");
        readTimeoutSeconds = FieldProblem.within(readTimeoutSeconds, 30, 1, 300, "read_timeout_seconds");
        maxMessages = FieldProblem.within(maxMessages, 1000, 1, 10000, "max_messages");
        scanInterval = FieldProblem.nonBlank(scanInterval, "15m", "scan_interval");
        interval(scanInterval);
        policy(nonBounces, "non_bounces");
        policy(unrecognised, "unrecognised");
        verp(verpPattern);
    }

    MailboxConfig config() {
        return new MailboxConfig(name, FieldProblem.or(enabled, true), host, port.intValue(), security(security),
                FieldProblem.or(tlsSkipVerify, false), username, Duration.ofSeconds(connectTimeoutSeconds),
                Duration.ofSeconds(readTimeoutSeconds), maxMessages.intValue(), interval(scanInterval),
                policy(nonBounces, "non_bounces"), policy(unrecognised, "unrecognised"),
                FieldProblem.or(recordDelays, false), verp(verpPattern));
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new FieldProblem(field, " is required");
        }
        return FieldProblem.nonBlank(value, null, field);
    }

    private static MailboxConfig.Security security(String value) {
        String wire = FieldProblem.nonBlank(value, "tls", "security");
        for (MailboxConfig.Security security : MailboxConfig.Security.values()) {
            if (security.wire().equals(wire)) {
                return security;
            }
        }
        throw new FieldProblem("security", ": '" + wire + "' is not one of tls, starttls, plain");
    }

    private static MailboxConfig.Policy policy(String value, String field) {
        String wire = FieldProblem.nonBlank(value, "keep", field);
        for (MailboxConfig.Policy policy : MailboxConfig.Policy.values()) {
            if (policy.wire().equals(wire)) {
                return policy;
            }
        }
        throw new FieldProblem(field, ": '" + wire + "' is not one of keep, delete");
    }

    /** Whole minutes, at least one: EventBridge schedules run at minute granularity. */
    private static Duration interval(String text) {
        Matcher matcher = INTERVAL.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw new FieldProblem("scan_interval", ": '" + text + "' is not a duration like 15m, 1h or 1h30m");
        }
        Duration interval = Duration.ofHours(number(matcher.group(1))).plusMinutes(number(matcher.group(2)))
                .plusSeconds(number(matcher.group(3)));
        if (interval.toMinutes() < 1 || interval.toSecondsPart() != 0) {
            throw new FieldProblem("scan_interval", ": '" + text + "' must be whole minutes, at least 1m");
        }
        return interval;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** The VERP pattern, not trimmed; the default when absent, none when set to an empty string. */
    private static Pattern verp(String value) {
        String regex = value == null ? BounceParser.DEFAULT_VERP : value;
        if (regex.isEmpty()) {
            return null;
        }
        if (!regex.contains("(?<subscriber>")) {
            throw new FieldProblem("verp_pattern", ": needs a group named subscriber, "
                    + "e.g. ^bounces\\+(?<subscriber>[0-9a-f-]{36})@");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new FieldProblem("verp_pattern", ": not a valid regular expression: " + e.getDescription());
        }
    }
}
