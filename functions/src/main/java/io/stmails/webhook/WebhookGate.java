package io.stmails.webhook;

import io.stmails.domain.BounceSettings;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.metrics.BounceMetrics;
import io.stmails.metrics.BounceMetrics.Rejection;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * listmonk's switches in front of the webhooks, with its statuses and clearer messages; and the one
 * place a request refused as not the sender's (signature, age, replay, credentials) is logged and
 * counted, so a burst of forged requests shows whichever webhook it hits.
 */
public final class WebhookGate {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookGate.class);

    private final BounceSettings settings;
    private final Responses responses;
    private final BounceMetrics metrics;

    public WebhookGate(BounceSettings settings, Responses responses, BounceMetrics metrics) {
        this.settings = settings;
        this.responses = responses;
        this.metrics = metrics;
    }

    /** @param channel the webhook: {@code webhook}, {@code ses} or the provider's name */
    public void rejected(String channel, Rejection reason, String detail) {
        metrics.rejected(channel, reason);
        LOG.atWarn()
                .addKeyValue("channel", channel)
                .addKeyValue("rejection", reason.name().toLowerCase(Locale.ROOT))
                .log("{}: rejected a request: {}", channel, detail);
    }

    /** 404 when the webhook routes are switched off. */
    public Optional<HttpResponse> webhooksOff() {
        return settings.webhooksEnabled() ? Optional.empty()
                : Optional.of(responses.error(404, "Bounce webhooks are disabled (settings: webhooks_enabled is false)."));
    }

    /** 503 when bounce processing is switched off. */
    public Optional<HttpResponse> processingOff() {
        return processingOff(503);
    }

    /** @param retryStatus the status that makes the sender deliver again later (Brevo drops events answered 5xx) */
    private Optional<HttpResponse> processingOff(int retryStatus) {
        return settings.enabled() ? Optional.empty()
                : Optional.of(responses.error(retryStatus, "Bounce processing is disabled (settings: enabled is false)."));
    }

    /** For {@code /webhooks/service/<provider>}: the two switches above, then 400 {@code Unknown service.} for a provider that is off. */
    public Optional<HttpResponse> provider(boolean providerEnabled) {
        return provider(providerEnabled, 503);
    }

    /** As {@link #provider(boolean)}, answering switched-off processing with the provider's own retry status. */
    public Optional<HttpResponse> provider(boolean providerEnabled, int retryStatus) {
        return webhooksOff()
                .or(() -> processingOff(retryStatus))
                .or(() -> providerEnabled ? Optional.empty() : Optional.of(responses.error(400, "Unknown service.")));
    }
}
