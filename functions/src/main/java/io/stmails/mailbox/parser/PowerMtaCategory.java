package io.stmails.mailbox.parser;

import java.util.Map;

/** PowerMTA's own bounce classification ({@code X-PowerMTA-BounceCategory} in its DSNs). */
final class PowerMtaCategory {
    private static final Map<String, Reason> REASONS = Map.ofEntries(
            Map.entry("bad-mailbox", Reason.USER_UNKNOWN),
            Map.entry("bad-domain", Reason.HOST_UNKNOWN),
            Map.entry("inactive-mailbox", Reason.SUSPENDED),
            Map.entry("quota-issues", Reason.MAILBOX_FULL),
            Map.entry("message-expired", Reason.EXPIRED),
            Map.entry("spam-related", Reason.SPAM_DETECTED),
            Map.entry("virus-related", Reason.VIRUS_DETECTED),
            Map.entry("policy-related", Reason.POLICY_VIOLATION),
            Map.entry("content-related", Reason.CONTENT_ERROR),
            Map.entry("relaying-issues", Reason.NO_RELAYING),
            Map.entry("invalid-sender", Reason.REJECTED),
            Map.entry("routing-errors", Reason.NETWORK_ERROR),
            Map.entry("no-answer-from-host", Reason.NETWORK_ERROR),
            Map.entry("bad-connection", Reason.NETWORK_ERROR),
            Map.entry("protocol-errors", Reason.SYNTAX_ERROR),
            Map.entry("bad-configuration", Reason.SYSTEM_ERROR));

    private PowerMtaCategory() {
    }

    /** The reason a category stands for, or null for "other", "unknown" or none. */
    static Reason reason(String category) {
        return REASONS.get(category);
    }
}
