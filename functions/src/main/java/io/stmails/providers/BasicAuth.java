package io.stmails.providers;

import io.stmails.metrics.BounceMetrics.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/** HTTP Basic credentials a provider sends ({@code https://user:pass@host/...}), compared in constant time. */
public final class BasicAuth {
    public static final String CHALLENGE = "Basic realm=\"stmails\"";

    private BasicAuth() {
    }

    /**
     * The credentials configured in the provider's secrets {@code username} and {@code password}.
     *
     * @throws RejectedException unless the request carries exactly these credentials
     * @throws io.stmails.config.InvalidSettingsException either secret is missing
     */
    public static void require(ProviderRequest request, ProviderCredentials credentials) {
        require(request, credentials.required("username"), credentials.required("password"));
    }

    /** {@link #require(ProviderRequest, ProviderCredentials)} as a provider's {@link Provider.Authentication}. */
    public static void verify(ProviderRequest request, ProviderCredentials credentials, Instant now) {
        require(request, credentials);
    }

    private static void require(ProviderRequest request, String username, String password) {
        String header = request.header("authorization")
                .orElseThrow(() -> new RejectedException(Rejection.AUTH, "missing Authorization header (expected Basic credentials)", CHALLENGE))
                .trim();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            throw new RejectedException(Rejection.AUTH, "the Authorization header is not Basic credentials", CHALLENGE);
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(Rejection.AUTH, "the Basic credentials are not base64", CHALLENGE);
        }
        int colon = pair.indexOf(':');
        String presentedUser = colon < 0 ? pair : pair.substring(0, colon);
        String presentedPassword = colon < 0 ? "" : pair.substring(colon + 1);
        boolean userMatches = Signatures.matches(bytes(username), bytes(presentedUser));
        boolean passwordMatches = Signatures.matches(bytes(password), bytes(presentedPassword));
        if (!(userMatches & passwordMatches)) {
            throw new RejectedException(Rejection.AUTH, "invalid credentials", CHALLENGE);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
