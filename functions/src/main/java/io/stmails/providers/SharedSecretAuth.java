package io.stmails.providers;

import io.stmails.metrics.BounceMetrics.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * For providers that sign nothing and send a shared secret instead (Brevo, SparkPost): HTTP Basic
 * credentials (secrets {@code username} and {@code password}) and/or a token in a header (secrets
 * {@code token}). Whatever is configured is accepted; with nothing configured every request is refused.
 * In the {@code Authorization} header the token is expected as {@code Bearer <token>}; in any other
 * header (a provider's "custom header") the value is the token itself.
 */
public final class SharedSecretAuth implements Provider.Authentication {
    private final String tokenHeader;

    /** @param tokenHeader the provider's {@code token_header} setting */
    public SharedSecretAuth(String tokenHeader) {
        this.tokenHeader = tokenHeader;
    }

    @Override
    public void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        require(request, credentials);
    }

    /**
     * @throws RejectedException the request carries none of the configured credentials
     * @throws io.stmails.config.InvalidSettingsException no credentials are configured (or half a Basic pair)
     */
    public void require(ProviderRequest request, ProviderCredentials credentials) {
        Optional<String> token = credentials.optional("token");
        boolean basicConfigured = credentials.optional("username").isPresent() || credentials.optional("password").isPresent();
        if (token.isEmpty() && !basicConfigured) {
            throw credentials.missing("token, or username and password");
        }
        if (basicConfigured && (token.isEmpty() || presentsBasic(request))) {
            BasicAuth.require(request, credentials);
            return;
        }
        requireToken(request, token.get());
    }

    private void requireToken(ProviderRequest request, String token) {
        String presented = request.header(tokenHeader).map(String::trim).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new RejectedException(Rejection.AUTH, "missing " + tokenHeader + " header (expected the webhook token)"));
        if (tokenHeader.equalsIgnoreCase("authorization")) {
            if (!scheme(presented).equals("bearer")) {
                throw new RejectedException(Rejection.AUTH, "the Authorization header is not a Bearer token");
            }
            presented = presented.substring(presented.indexOf(' ') + 1).trim();
        }
        if (!Signatures.matches(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            throw new RejectedException(Rejection.AUTH, "invalid token in the " + tokenHeader + " header");
        }
    }

    private static boolean presentsBasic(ProviderRequest request) {
        return request.header("authorization").map(value -> scheme(value.trim()).equals("basic")).orElse(false);
    }

    private static String scheme(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? "" : authorization.substring(0, space).toLowerCase(Locale.ROOT);
    }
}
