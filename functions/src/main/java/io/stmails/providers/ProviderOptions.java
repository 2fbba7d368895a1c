package io.stmails.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.InvalidSettingsException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One provider's settings section ({@code providers.<name>}, no secrets). Each read validates its field
 * and names it on failure; fields nobody reads are rejected afterwards, so a typo never silently falls
 * back to a default.
 */
public final class ProviderOptions {
    private final String prefix;
    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();
    private final ObjectNode effective = JsonNodeFactory.instance.objectNode();

    ProviderOptions(String provider, JsonNode node) {
        this.prefix = "providers." + provider;
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new InvalidSettingsException(prefix + " must be an object like {\"enabled\": true}");
        }
        this.node = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode value = read(field);
        if (value != null && !value.isBoolean()) {
            throw new InvalidSettingsException(prefix + "." + field + " must be true or false");
        }
        boolean result = value == null ? fallback : value.booleanValue();
        effective.put(field, result);
        return result;
    }

    public Duration seconds(String field, long fallback, long min, long max) {
        JsonNode value = read(field);
        if (value != null && (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max)) {
            throw new InvalidSettingsException(prefix + "." + field + " must be a whole number of seconds from "
                    + min + " to " + max);
        }
        long result = value == null ? fallback : value.asLong();
        effective.put(field, result);
        return Duration.ofSeconds(result);
    }

    /** {@code replay_window_seconds}: how far a signed timestamp may be from now, default 5 minutes. */
    public Duration replayWindow() {
        return seconds("replay_window_seconds", 300, 1, 86_400);
    }

    public String text(String field, String fallback) {
        JsonNode value = read(field);
        if (value != null && (!value.isTextual() || value.asText().isBlank())) {
            throw new InvalidSettingsException(prefix + "." + field + " must be a non-empty string");
        }
        String result = value == null ? fallback : value.asText().trim();
        effective.put(field, result);
        return result;
    }

    private JsonNode read(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    void rejectUnknownFields() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidSettingsException(prefix + "." + name + ": unknown setting (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** Every field with its default filled in, for printing at start-up. */
    ObjectNode effective() {
        return effective.deepCopy();
    }
}
