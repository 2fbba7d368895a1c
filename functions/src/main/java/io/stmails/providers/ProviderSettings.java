package io.stmails.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The providers the settings enable, built from their options; read by
 * {@link io.stmails.providers.catalog.ProviderCatalog}, which holds the list of providers.
 */
public final class ProviderSettings {
    private final Map<String, Provider> enabled;
    private final Supplier<ObjectNode> description;

    /** @param description every provider with its defaults filled in; made only when asked for */
    public ProviderSettings(Map<String, Provider> enabled, Supplier<ObjectNode> description) {
        this.enabled = Map.copyOf(enabled);
        this.description = description;
    }

    public Optional<Provider> enabled(String name) {
        return Optional.ofNullable(enabled.get(name));
    }

    /** Every provider with its defaults filled in, for printing at start-up. */
    public ObjectNode describe() {
        return description.get();
    }
}
