package io.stmails.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.config.InvalidSettingsException;
import java.util.Optional;

/**
 * One provider's section of the secrets document ({@code providers.<name>}): keys, passwords, shared
 * secrets. Read per request, so rotated secrets apply without a restart. Messages name fields, never values.
 */
public final class ProviderCredentials {
    private final String prefix;
    private final JsonNode node;

    public ProviderCredentials(String provider, JsonNode node) {
        this.prefix = "secrets: providers." + provider;
        this.node = node;
    }

    /** A non-blank string; a provider that is enabled without it refuses every request. */
    public String required(String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new InvalidSettingsException(prefix + "." + field + " is required while the provider is enabled");
        }
        if (!value.isTextual()) {
            throw new InvalidSettingsException(prefix + "." + field + " must be a string");
        }
        return value.asText();
    }

    /** A string that may be absent (null, missing or blank); present but not a string is an error. */
    public Optional<String> optional(String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(required(field));
    }

    /** An error for a provider that accepts one of several credentials and has none of them. */
    public InvalidSettingsException missing(String alternatives) {
        return new InvalidSettingsException(prefix + " needs " + alternatives + " while the provider is enabled");
    }

    /** An error about a field whose value is present but unusable (e.g. a key that does not parse). */
    public InvalidSettingsException invalid(String field, String problem) {
        return new InvalidSettingsException(prefix + "." + field + " " + problem);
    }
}
