package io.stmails.providers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The options of a provider that has none besides {@code enabled}. */
public record SwitchOptions(@JsonProperty("enabled") boolean enabled) implements ProviderOptions {
}
