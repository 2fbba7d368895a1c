package io.stmails.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.SettingsBinder.UnknownField;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.Threshold;
import java.time.Duration;

/**
 * The settings document (JSON, the same in AWS and locally; no secrets). Every field is optional;
 * unknown fields are rejected so that a typo does not silently fall back to a default.
 *
 * <pre>
 * {
 *   "enabled": true,                     // master switch (503 on webhooks when false)
 *   "webhooks_enabled": true,            // the webhook routes answer 404 when false
 *   "actions": {"soft": {"count": 2, "action": "none"}, "hard": {...}, "complaint": {...}},
 *                                        // each may add count_window_days (wins over the global one),
 *                                        // reset_after_days and retention_days
 *   "unknown_subscriber": "create",      // or "ignore"
 *   "blocklist_unsubscribes_lists": true,
 *   "count_window_days": 0,              // 0 counts all-time, as listmonk
 *   "domain_blocklist": ["example.org"],
 *   "ses": {...},                        // see SesSettings
 *   "providers": {...}, "mailboxes": [...]   // read by their own sources (ProviderCatalog, MailboxSettings)
 * }
 * </pre>
 */
public record Settings(BounceSettings bounce, SesSettings ses, JsonNode document) {

    public static Settings defaults() {
        return new Settings(BounceSettings.defaults(), SesSettings.defaults(), JsonNodeFactory.instance.objectNode());
    }

    public static Settings parse(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException("settings are not valid JSON: " + e.getOriginalMessage());
        }
        return of(root);
    }

    /** The settings document already read as JSON (null or missing: the defaults). */
    public static Settings of(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new InvalidSettingsException("settings must be a JSON object");
        }
        BounceSection section = SettingsBinder.bind(root, BounceSection.class, "", UnknownField.NAMED_AFTER_SECTION);
        BounceSettings bounce = section.settings();
        checkRetention(bounce);
        return new Settings(bounce, SesSettings.parse(section.ses()), root);
    }

    /** The same settings with one more SNS topic whose SES messages are accepted (the stack's own topic). */
    public Settings withSesTopic(String topicArn) {
        return new Settings(bounce, ses.withTopic(topicArn), document);
    }

    /** A section owned by another reader ({@code providers}, {@code mailboxes}); an empty object when absent. */
    public JsonNode section(String name) {
        JsonNode node = document.get(name);
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }

    /**
     * Retention shorter than the count window would silently shorten the window (an expired bounce
     * no longer counts), so it is refused.
     */
    private static void checkRetention(BounceSettings bounce) {
        for (BounceType type : BounceType.values()) {
            Threshold threshold = bounce.thresholdFor(type);
            Duration window = threshold.countWindow() != null ? threshold.countWindow() : bounce.countWindow();
            if (threshold.retention() != null && window != null && threshold.retention().compareTo(window) < 0) {
                throw new InvalidSettingsException("actions." + type.wire() + ".retention_days ("
                        + threshold.retention().toDays() + ") is shorter than its count window (" + window.toDays()
                        + " days): bounces would expire before they stop counting");
            }
        }
    }

    private static void putDays(ObjectNode section, String name, Duration days) {
        if (days != null) {
            section.put(name, days.toDays());
        }
    }

    /**
     * The bounce and {@code ses} sections with every default filled in, for printing at start-up; the
     * readers of the other sections describe their own ({@code ProviderSettings.describe}).
     */
    public ObjectNode describe(ObjectMapper mapper) {
        ObjectNode out = mapper.createObjectNode();
        out.put("enabled", bounce.enabled());
        out.put("webhooks_enabled", bounce.webhooksEnabled());
        ObjectNode actions = out.putObject("actions");
        for (BounceType type : BounceType.values()) {
            Threshold threshold = bounce.thresholdFor(type);
            ObjectNode action = actions.putObject(type.wire()).put("count", threshold.count())
                    .put("action", threshold.action().wire());
            putDays(action, "count_window_days", threshold.countWindow());
            putDays(action, "reset_after_days", threshold.resetAfter());
            putDays(action, "retention_days", threshold.retention());
        }
        out.put("unknown_subscriber", bounce.unknownSubscriber().wire());
        out.put("blocklist_unsubscribes_lists", bounce.blocklistUnsubscribesLists());
        out.put("count_window_days", bounce.countWindow() == null ? 0 : bounce.countWindow().toDays());
        bounce.domainBlocklist().forEach(out.putArray("domain_blocklist")::add);
        out.set("ses", ses.describe(mapper));
        return out;
    }
}
