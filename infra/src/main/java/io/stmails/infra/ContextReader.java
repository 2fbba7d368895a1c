package io.stmails.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.constructs.Node;

/**
 * Typed reads of CDK context values. A value comes typed from {@code cdk.json} and as a string from
 * {@code -c key=value}, so every reader accepts both; a wrong value fails naming the key.
 */
final class ContextReader {
    private final Node node;
    private final ObjectMapper json;

    ContextReader(Node node, ObjectMapper json) {
        this.node = node;
        this.json = json;
    }

    Optional<String> string(String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof String s ? s : json.valueToTree(value).asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    boolean bool(String key, boolean fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("context " + key + " must be true or false, not '" + text + "'");
    }

    int integer(String key, int fallback, int min, int max) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        String text = value instanceof Number n ? Long.toString(n.longValue()) : value.toString().trim();
        try {
            long number = Long.parseLong(text);
            if (number >= min && number <= max) {
                return (int) number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("context " + key + " must be a whole number from " + min + " to " + max
                + ", not '" + text + "'");
    }

    /** A decimal number above {@code min} and below {@code max} (both exclusive). */
    double decimal(String key, double fallback, double min, double max) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        String text = value instanceof Number n ? n.toString() : value.toString().trim();
        try {
            double number = Double.parseDouble(text);
            if (number > min && number < max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("context " + key + " must be a number above " + min + " and below " + max
                + ", not '" + text + "'");
    }

    /** A list, given as a JSON array or as a comma-separated string. */
    List<String> list(String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return Arrays.stream(s.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
        }
        JsonNode tree = json.valueToTree(value);
        if (!tree.isArray()) {
            throw new IllegalArgumentException("context " + key + " must be a list of strings");
        }
        List<String> items = new ArrayList<>();
        tree.forEach(item -> {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException("context " + key + " must hold non-empty strings");
            }
            items.add(item.asText().trim());
        });
        return items;
    }

    /** A JSON document, given as an object in cdk.json or as JSON text with {@code -c}. */
    JsonNode document(String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return json.createObjectNode();
        }
        if (value instanceof String s) {
            try {
                return json.readTree(s);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("context " + key + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return json.valueToTree(value);
    }
}
