package io.stmails.http;

import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.SecretsSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * listmonk's API credentials: {@code Authorization: Basic base64(user:token)} or
 * {@code Authorization: token user:token}. Unauthenticated requests get 401, authenticated users
 * without the route's permission 403 naming the permission.
 */
public final class ApiAuthenticator {
    private static final Map<String, String> CHALLENGE = Map.of("www-authenticate", "Basic realm=\"stmails\"");

    private final SecretsSource secrets;
    private final Responses responses;

    public ApiAuthenticator(SecretsSource secrets, Responses responses) {
        this.secrets = secrets;
        this.responses = responses;
    }

    /**
     * The authenticated user holding {@code permission} (null: any authenticated user), or the
     * response refusing the request.
     */
    public Result authorize(HttpRequest request, String permission) {
        Optional<String> header = request.header("authorization");
        if (header.isEmpty() || header.get().isBlank()) {
            return refuse(401, "missing Authorization header (use Basic base64(user:token) or token user:token)");
        }
        String value = header.get().trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).trim();
        String pair;
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "basic" -> {
                try {
                    pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return refuse(401, "invalid Basic credentials: not base64");
                }
            }
            case "token" -> pair = credentials;
            default -> {
                return refuse(401, "unknown Authorization scheme");
            }
        }
        int colon = pair.indexOf(':');
        if (colon < 1 || colon == pair.length() - 1) {
            return refuse(401, "invalid API credentials: expected user:token");
        }
        Secrets current = secrets.current();
        Optional<ApiUser> user = current.apiUser(pair.substring(0, colon));
        byte[] presented = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        byte[] expected = user.map(u -> u.token().getBytes(StandardCharsets.UTF_8)).orElse(new byte[32]);
        if (!MessageDigest.isEqual(presented, expected) || user.isEmpty()) {
            return refuse(401, "invalid API credentials");
        }
        if (permission != null && !user.get().may(permission)) {
            return new Result(null, responses.error(403, "permission denied: " + permission));
        }
        return new Result(user.get(), null);
    }

    private Result refuse(int status, String message) {
        return new Result(null, responses.error(status, message, CHALLENGE));
    }

    /** Exactly one of {@code user} and {@code refusal} is set. */
    public record Result(ApiUser user, HttpResponse refusal) {
        public boolean allowed() {
            return user != null;
        }
    }
}
