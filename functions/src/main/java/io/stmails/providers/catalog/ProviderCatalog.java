package io.stmails.providers.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Settings;
import io.stmails.config.SettingsBinder;
import io.stmails.config.SettingsBinder.UnknownField;
import io.stmails.providers.Provider;
import io.stmails.providers.ProviderOptions;
import io.stmails.providers.ProviderSettings;
import io.stmails.providers.ReplayWindowOptions;
import io.stmails.providers.SwitchOptions;
import io.stmails.providers.TokenHeaderOptions;
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
import java.util.Set;
import java.util.function.Function;

/**
 * The one list of providers stmails has webhooks for, and the reader of the {@code providers} settings
 * section that builds them. It sits apart from the provider SPI ({@code io.stmails.providers}) so that the
 * SPI never depends on its implementations.
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
public final class ProviderCatalog {
    private static final Map<String, Entry<?>> PROVIDERS = new LinkedHashMap<>();

    static {
        add(SendGrid.NAME, ReplayWindowOptions.class, SendGrid::provider);
        add(Postmark.NAME, SwitchOptions.class, Postmark::provider);
        add(ForwardEmail.NAME, SwitchOptions.class, ForwardEmail::provider);
        add(Lettermint.NAME, ReplayWindowOptions.class, Lettermint::provider);
        add(Azure.NAME, Azure.Options.class, Azure::provider);
        add(Mailgun.NAME, ReplayWindowOptions.class, Mailgun::provider);
        add(Brevo.NAME, TokenHeaderOptions.class, Brevo::provider, "token_header", Brevo.TOKEN_HEADER);
        add(Mailjet.NAME, SwitchOptions.class, Mailjet::provider);
        add(SparkPost.NAME, TokenHeaderOptions.class, SparkPost::provider, "token_header", SparkPost.TOKEN_HEADER);
        add(Resend.NAME, ReplayWindowOptions.class, Resend::provider);
    }

    private ProviderCatalog() {
    }

    private static <O extends ProviderOptions> void add(String name, Class<O> options, Function<O, Provider> factory) {
        PROVIDERS.put(name, new Entry<>(options, JsonNodeFactory.instance.objectNode(), factory));
    }

    /** A provider whose options record takes a default the provider chooses (the field, then its value). */
    private static <O extends ProviderOptions> void add(String name, Class<O> options, Function<O, Provider> factory,
            String field, String fallback) {
        PROVIDERS.put(name, new Entry<>(options, JsonNodeFactory.instance.objectNode().put(field, fallback), factory));
    }

    /** The names of every provider, in the order they are documented. */
    public static Set<String> names() {
        return PROVIDERS.keySet();
    }

    /** The settings' {@code providers} section, validated; failures name the field. */
    public static ProviderSettings from(Settings settings) {
        return parse(settings.document().get("providers"));
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
        Map<String, ProviderOptions> bound = new LinkedHashMap<>();
        PROVIDERS.forEach((name, entry) -> {
            ProviderOptions options = entry.bind(name, providers.get(name));
            Provider provider = entry.build(options);
            if (options.enabled()) {
                enabled.put(name, provider);
            }
            bound.put(name, options);
        });
        return new ProviderSettings(enabled, () -> describe(bound));
    }

    /**
     * Each provider's options as JSON. Asked for only by the settings API: writing records is the one
     * use of Jackson's bean serialization a provider webhook would otherwise make at start.
     */
    private static ObjectNode describe(Map<String, ProviderOptions> bound) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode effective = json.createObjectNode();
        bound.forEach((name, options) -> effective.set(name, json.valueToTree(options)));
        return effective;
    }

    /** @param defaults fields the section may leave out, with the provider's values */
    private record Entry<O extends ProviderOptions>(Class<O> options, ObjectNode defaults, Function<O, Provider> factory) {
        O bind(String name, JsonNode section) {
            JsonNode withDefaults = section;
            if (section == null || section.isNull() || section.isObject()) {
                ObjectNode merged = defaults.deepCopy();
                if (section != null) {
                    section.fields().forEachRemaining(field -> {
                        if (!field.getValue().isNull()) {
                            merged.set(field.getKey(), field.getValue());
                        }
                    });
                }
                withDefaults = merged;
            }
            return SettingsBinder.bind(withDefaults, options, "providers." + name, UnknownField.SETTING_PATH);
        }

        Provider build(ProviderOptions bound) {
            return factory.apply(options.cast(bound));
        }
    }
}
