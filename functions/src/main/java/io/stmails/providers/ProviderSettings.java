package io.stmails.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.providers.azure.Azure;
import io.stmails.providers.brevo.Brevo;
import io.stmails.providers.forwardemail.ForwardEmail;
import io.stmails.providers.lettermint.Lettermint;
import io.stmails.providers.mailgun.Mailgun;
import io.stmails.providers.mailjet.Mailjet;
import io.stmails.providers.postmark.Postmark;
import io.stmails.providers.resend.Resend;
import io.stmails.providers.sendgrid.SendGrid;
import io.stmails.providers.sparkpost.SparkPost;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code providers} settings section and the one list of providers stmails has webhooks for.
 *
 * <pre>
 * "providers": {
 *   "sendgrid": {"enabled": true, "replay_window_seconds": 300},
 *   "postmark": {"enabled": true}
 * }
 * </pre>
 *
 * A provider is disabled unless its section says {@code "enabled": true}; requests for a disabled or
 * unknown provider get listmonk's 400 {@code Unknown service.}.
 */
public final class ProviderSettings {
    private static final Map<String, Function<ProviderOptions, Provider>> PROVIDERS = new LinkedHashMap<>();

    static {
        PROVIDERS.put(SendGrid.NAME, SendGrid::new);
        PROVIDERS.put(Postmark.NAME, Postmark::new);
        PROVIDERS.put(ForwardEmail.NAME, ForwardEmail::new);
        PROVIDERS.put(Lettermint.NAME, Lettermint::new);
        PROVIDERS.put(Azure.NAME, Azure::new);
        PROVIDERS.put(Mailgun.NAME, Mailgun::new);
        PROVIDERS.put(Brevo.NAME, Brevo::new);
        PROVIDERS.put(Mailjet.NAME, Mailjet::new);
        PROVIDERS.put(SparkPost.NAME, SparkPost::new);
        PROVIDERS.put(Resend.NAME, Resend::new);
    }

    private final Map<String, Provider> enabled;
    private final ObjectNode effective;

    private ProviderSettings(Map<String, Provider> enabled, ObjectNode effective) {
        this.enabled = Map.copyOf(enabled);
        this.effective = effective;
    }

    /** The names of every provider, in the order they are documented. */
    public static Set<String> names() {
        return PROVIDERS.keySet();
    }

    /** Validates the section (null or absent: every provider disabled); failures name the field. */
    public static ProviderSettings parse(JsonNode section) {
        JsonNode providers = section == null || section.isNull() ? JsonNodeFactory.instance.objectNode() : section;
        if (!providers.isObject()) {
            throw new InvalidSettingsException("providers must be an object keyed by provider name");
        }
        for (Iterator<String> names = providers.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROVIDERS.containsKey(name)) {
                throw new InvalidSettingsException("providers." + name + ": unknown provider (known: "
                        + String.join(", ", PROVIDERS.keySet()) + ")");
            }
        }
        Map<String, Provider> enabled = new LinkedHashMap<>();
        ObjectNode effective = JsonNodeFactory.instance.objectNode();
        PROVIDERS.forEach((name, factory) -> {
            ProviderOptions options = new ProviderOptions(name, providers.get(name));
            boolean on = options.bool("enabled", false);
            Provider provider = factory.apply(options);
            options.rejectUnknownFields();
            if (on) {
                enabled.put(name, provider);
            }
            effective.set(name, options.effective());
        });
        return new ProviderSettings(enabled, effective);
    }

    public Optional<Provider> enabled(String name) {
        return Optional.ofNullable(enabled.get(name));
    }

    /** Every provider with its defaults filled in, for printing at start-up. */
    public ObjectNode describe() {
        return effective.deepCopy();
    }
}
