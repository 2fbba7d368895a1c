package io.stmails.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.SecretsSource;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.InvalidFieldException;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.metrics.BounceMetrics;
import io.stmails.record.BounceRecorder;
import io.stmails.store.StorageException;
import io.stmails.webhook.WebhookGate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/service/{provider}}: the one flow every provider runs through. Checks the
 * switches, verifies the request with the provider's current credentials, parses it, records every
 * bounce through the shared recorder, and only then acknowledges. Each provider says which statuses
 * mean "rejected" and "retry" to it.
 *
 * <p>Answers: 404 when webhooks are switched off, 400 {@code Unknown service.} for a disabled or unknown
 * provider, the provider's rejected status for a bad signature or credentials, 400 {@code Invalid data: ...}
 * for a body the provider does not send, the provider's retry status when bounce processing is switched
 * off, for a storage failure or for missing credentials, and otherwise 200 (also when every event was
 * understood and ignored, so the provider does not retry).
 */
public final class ProviderWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderWebhook.class);
    private static final String SECRETS_SECTION = "providers";

    private final WebhookGate gate;
    private final ProviderSettings providers;
    private final SecretsSource secrets;
    private final BounceRecorder recorder;
    private final Responses responses;
    private final ObjectMapper json;
    private final Supplier<Instant> clock;

    public ProviderWebhook(BounceSettings settings, ProviderSettings providers, SecretsSource secrets,
            BounceRecorder recorder, Responses responses, ObjectMapper json, Supplier<Instant> clock, BounceMetrics metrics) {
        this.gate = new WebhookGate(settings, responses, metrics);
        this.providers = providers;
        this.secrets = secrets;
        this.recorder = recorder;
        this.responses = responses;
        this.json = json;
        this.clock = clock;
    }

    public HttpResponse handle(HttpRequest request) {
        Optional<Provider> provider = providers.enabled(providerName(request.path()));
        return gate.provider(provider.isPresent(), provider.map(Provider::retryStatus).orElse(503))
                .orElseGet(() -> handle(provider.get(), new ProviderRequest(request, json)));
    }

    private HttpResponse handle(Provider provider, ProviderRequest request) {
        String name = provider.name();
        try {
            ProviderCredentials credentials = new ProviderCredentials(name,
                    secrets.current().section(SECRETS_SECTION).get(name));
            Instant now = clock.get();
            provider.verify(request, credentials, now);
            ParsedWebhook notification = provider.parse(request);
            notification.bounces().forEach(recorder::record);
            provider.acknowledged(request, now);
            return notification.replyBody().map(this::reply).orElseGet(() -> responses.data(true));
        } catch (RejectedException e) {
            gate.rejected(name, e.reason(), e.getMessage());
            return responses.error(provider.rejectedStatus(), "Rejected: " + e.getMessage(),
                    e.challenge().map(value -> Map.of("www-authenticate", value)).orElse(Map.of()));
        } catch (InvalidPayloadException | InvalidFieldException e) {
            LOG.warn("{}: invalid payload: {}", name, e.getMessage());
            return responses.error(400, "Invalid data: " + e.getMessage());
        } catch (InvalidSettingsException e) {
            LOG.error("{}: refusing every request until the configuration is fixed: {}", name, e.getMessage());
            return responses.error(provider.retryStatus(), "The " + name + " webhook is not configured; please retry later.");
        } catch (StorageException e) {
            LOG.error("{}: recording bounces failed; the provider should deliver again", name, e);
            return responses.error(provider.retryStatus(), "Error recording bounces; please retry.");
        }
    }

    private HttpResponse reply(JsonNode body) {
        return new HttpResponse(200, Map.of("content-type", "application/json; charset=utf-8"), body.toString());
    }

    /** The last path segment: API Gateway may prefix a stage or base path, and routes may end in a slash. */
    static String providerName(String path) {
        String trimmed = path == null ? "" : path.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
