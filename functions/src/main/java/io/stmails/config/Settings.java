package io.stmails.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.Threshold;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.UnknownSubscriberPolicy;
import io.stmails.ses.SesSettings;
import io.stmails.providers.ProviderSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 *   "providers": {...}, "mailboxes": [...]   // read by their own sources
 * }
 * </pre>
 */
public record Settings(BounceSettings bounce, SesSettings ses, JsonNode document) {
    private static final Set<String> KNOWN_FIELDS = Set.of("enabled", "webhooks_enabled", "actions",
            "unknown_subscriber", "blocklist_unsubscribes_lists", "count_window_days", "domain_blocklist",
            "providers", "ses", "mailboxes");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("count", "action", "count_window_days",
            "reset_after_days", "retention_days");
    private static final int MAX_DAYS = 3650;

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
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new InvalidSettingsException("settings must be a JSON object");
        }
        rejectUnknownFields(root, KNOWN_FIELDS, "");
        ProviderSettings.parse(root.get("providers"));
        BounceSettings defaults = BounceSettings.defaults();
        int windowDays = integer(root, "count_window_days", 0, 0, MAX_DAYS);
        BounceSettings bounce = new BounceSettings(
                bool(root, "enabled", defaults.enabled()),
                bool(root, "webhooks_enabled", defaults.webhooksEnabled()),
                thresholds(root.get("actions")),
                unknownSubscriber(root.get("unknown_subscriber")),
                bool(root, "blocklist_unsubscribes_lists", defaults.blocklistUnsubscribesLists()),
                windowDays == 0 ? null : Duration.ofDays(windowDays),
                domains(root.get("domain_blocklist")));
        checkRetention(bounce);
        return new Settings(bounce, SesSettings.parse(root.get("ses")), root);
    }

    /** The same settings with one more SNS topic whose SES messages are accepted (the stack's own topic). */
    public Settings withSesTopic(String topicArn) {
        Set<String> topics = new HashSet<>(ses.topicArns());
        topics.add(topicArn);
        return new Settings(bounce, new SesSettings(ses.enabled(), topics, ses.campaignTag(), ses.certificateDir(),
                ses.verifyLambdaSignatures(), ses.suppressionSync()), document);
    }

    /** A section owned by another source ({@code providers}, {@code mailboxes}); an empty object when absent. */
    public JsonNode section(String name) {
        JsonNode node = document.get(name);
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }

    /** The {@code providers} section, validated (it was already checked when these settings were parsed). */
    public ProviderSettings providers() {
        return ProviderSettings.parse(document.get("providers"));
    }

    private static Map<BounceType, Threshold> thresholds(JsonNode actions) {
        Map<BounceType, Threshold> thresholds = new EnumMap<>(BounceSettings.defaultThresholds());
        if (actions == null || actions.isNull()) {
            return thresholds;
        }
        if (!actions.isObject()) {
            throw new InvalidSettingsException("actions must be an object keyed by soft, hard and complaint");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = actions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "actions." + entry.getKey();
            BounceType type = BounceType.fromWire(entry.getKey()).orElseThrow(() ->
                    new InvalidSettingsException(field + ": unknown bounce type (use soft, hard or complaint)"));
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                throw new InvalidSettingsException(field + " must be an object {\"count\": n, \"action\": \"...\"}");
            }
            rejectUnknownFields(value, THRESHOLD_FIELDS, field + ": ");
            Threshold current = thresholds.get(type);
            int count = integer(value, "count", current.count(), 1, 1000, field + ".count");
            ThresholdAction action = current.action();
            JsonNode actionNode = value.get("action");
            if (actionNode != null) {
                action = ThresholdAction.fromWire(actionNode.asText()).orElseThrow(() -> new InvalidSettingsException(
                        field + ".action: '" + actionNode.asText() + "' is not one of none, unsubscribe, blocklist, delete"));
            }
            Duration window = days(value, "count_window_days", 0, field);
            Duration resetAfter = days(value, "reset_after_days", 1, field);
            Duration retention = days(value, "retention_days", 1, field);
            thresholds.put(type, new Threshold(count, action, window, resetAfter, retention));
        }
        return thresholds;
    }

    /** A per-type number of days; null when absent. */
    private static Duration days(JsonNode section, String name, int min, String field) {
        JsonNode node = section.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return Duration.ofDays(integer(section, name, 0, min, MAX_DAYS, field + "." + name));
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

    private static UnknownSubscriberPolicy unknownSubscriber(JsonNode node) {
        if (node == null || node.isNull()) {
            return BounceSettings.defaults().unknownSubscriber();
        }
        return UnknownSubscriberPolicy.fromWire(node.asText()).orElseThrow(() -> new InvalidSettingsException(
                "unknown_subscriber: '" + node.asText() + "' is not one of create, ignore"));
    }

    private static Set<String> domains(JsonNode node) {
        Set<String> domains = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return domains;
        }
        if (!node.isArray()) {
            throw new InvalidSettingsException("domain_blocklist must be an array of domain names");
        }
        for (JsonNode domain : node) {
            if (!domain.isTextual() || domain.asText().isBlank()) {
                throw new InvalidSettingsException("domain_blocklist must hold non-empty strings");
            }
            domains.add(domain.asText().trim().toLowerCase(Locale.ROOT));
        }
        return domains;
    }

    /**
     * For sections too: a typo must fail rather than silently fall back to a default.
     *
     * @param where {@code ""} for the top level, else the section followed by {@code ": "}
     */
    public static void rejectUnknownFields(JsonNode object, Collection<String> known, String where) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidSettingsException(where + "unknown setting '" + name + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static boolean bool(JsonNode root, String field, boolean fallback) {
        return bool(root, field, fallback, field);
    }

    /** A boolean field; {@code label} names it in the error (e.g. {@code ses.enabled}). */
    public static boolean bool(JsonNode object, String field, boolean fallback, String label) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new InvalidSettingsException(label + " must be true or false");
        }
        return node.booleanValue();
    }

    private static int integer(JsonNode root, String field, int fallback, int min, int max) {
        return integer(root, field, fallback, min, max, field);
    }

    private static int integer(JsonNode root, String field, int fallback, int min, int max, String label) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new InvalidSettingsException(label + " must be a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    private static void putDays(ObjectNode section, String name, Duration days) {
        if (days != null) {
            section.put(name, days.toDays());
        }
    }

    /** The document with every default filled in, for printing at start-up. */
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
        out.set("providers", providers().describe());
        return out;
    }
}
