package io.stmails.providers;

import java.time.Instant;

/**
 * One mail provider's bounce webhook ({@code POST /webhooks/service/<name>}): how its requests are
 * authenticated and how its payload becomes bounce events. {@link ProviderWebhook} runs the flow
 * (verify, parse, record, answer) so that a provider only describes what differs.
 *
 * <p>Implementations are immutable and built once from their settings ({@link ProviderOptions});
 * credentials come per request from the current secrets, so a rotated key takes effect without a restart.
 */
public interface Provider {

    /** The route segment, the key of its settings and secrets sections, and the source of its bounces. */
    String name();

    /**
     * Proves the request comes from the provider (signature or credentials over the raw body bytes).
     *
     * @throws RejectedException the request is not authentic; nothing is recorded
     * @throws io.stmails.config.InvalidSettingsException the credentials are missing or unusable, so the
     *         request is refused (never accepted unverified) with {@link #retryStatus()}
     */
    void verify(ProviderRequest request, ProviderCredentials credentials, Instant now);

    /**
     * The bounces an authenticated request reports, possibly none: events the provider sends that are
     * not bounces are understood and ignored. Everything is parsed before anything is recorded.
     *
     * @throws InvalidPayloadException the body is not what this provider sends
     */
    Notification parse(ProviderRequest request);

    /**
     * Called once everything the request reported is durably recorded, just before it is acknowledged;
     * e.g. to remember a one-time token, so that it is spent only by a request that succeeded and a
     * retry after a storage failure still gets through.
     */
    default void acknowledged(ProviderRequest request, Instant now) {
    }

    /** The answer to a forged or unauthenticated request. */
    default int rejectedStatus() {
        return 401;
    }

    /** The answer that makes this provider deliver the request again (storage failure, credentials not configured). */
    default int retryStatus() {
        return 503;
    }
}
