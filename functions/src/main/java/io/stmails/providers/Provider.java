package io.stmails.providers;

import java.time.Instant;

/**
 * One mail provider's bounce webhook ({@code POST /webhooks/service/<name>}), described by its parts: how
 * its requests are authenticated, how its payload becomes bounce events, and which statuses it takes to
 * mean "rejected, do not retry" and "retry later". {@link ProviderWebhook} runs the flow (verify, parse,
 * record, answer) the same way for every provider, so a provider only supplies what differs.
 *
 * <p>Built once from the provider's settings ({@link ProviderOptions}); credentials come per request from
 * the current secrets, so a rotated key takes effect without a restart.
 *
 * @param name           the route segment, the key of its settings and secrets sections, and the source of its bounces
 * @param authentication proves a request comes from the provider
 * @param payload        the bounces an authenticated request reports
 * @param rejectedStatus the answer to a forged or unauthenticated request
 * @param retryStatus    the answer that makes the provider deliver again (storage failure, credentials not configured)
 */
public record Provider(String name, Authentication authentication, Payload payload, int rejectedStatus, int retryStatus) {

    /** A provider that takes 401 as a rejection and 503 as "retry later". */
    public static Provider of(String name, Authentication authentication, Payload payload) {
        return new Provider(name, authentication, payload, 401, 503);
    }

    public Provider withRejectedStatus(int status) {
        return new Provider(name, authentication, payload, status, retryStatus);
    }

    public Provider withRetryStatus(int status) {
        return new Provider(name, authentication, payload, rejectedStatus, status);
    }

    /**
     * @throws RejectedException the request is not authentic; nothing is recorded
     * @throws io.stmails.config.InvalidSettingsException the credentials are missing or unusable, so the
     *         request is refused (never accepted unverified) with {@link #retryStatus()}
     */
    public void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        authentication.verify(request, credentials, now);
    }

    /** @throws InvalidPayloadException the body is not what this provider sends */
    public ParsedWebhook parse(ProviderRequest request) {
        return payload.parse(request);
    }

    /** Everything the request reported is durably recorded; it is about to be acknowledged. */
    public void acknowledged(ProviderRequest request, Instant now) {
        authentication.acknowledged(request, now);
    }

    /** How a provider proves a request is its own (a signature or credentials over the raw body bytes). */
    @FunctionalInterface
    public interface Authentication {
        void verify(ProviderRequest request, ProviderCredentials credentials, Instant now);

        /**
         * Called once everything the request reported is durably recorded, just before it is acknowledged;
         * e.g. to remember a one-time token, so that it is spent only by a request that succeeded and a
         * retry after a storage failure still gets through.
         */
        default void acknowledged(ProviderRequest request, Instant now) {
        }
    }

    /**
     * The bounces an authenticated request reports, possibly none: events the provider sends that are not
     * bounces are understood and ignored. Everything is parsed before anything is recorded.
     */
    @FunctionalInterface
    public interface Payload {
        ParsedWebhook parse(ProviderRequest request);
    }
}
