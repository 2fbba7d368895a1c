package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.config.ApiUser;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/me}: who the credentials belong to and which of the API's permissions they hold,
 * so a client can disable what the user may not do instead of failing when it is tried. Any valid
 * credentials may ask.
 */
public final class MeApi {
    private final ApiAuthenticator auth;
    private final Set<String> permissions;
    private final Responses responses;
    private final ObjectMapper json;

    /** @param permissions every permission the API's routes need */
    public MeApi(ApiAuthenticator auth, Set<String> permissions, Responses responses, ObjectMapper json) {
        this.auth = auth;
        this.permissions = new TreeSet<>(permissions);
        this.responses = responses;
        this.json = json;
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(ApiEndpoint.ME, (r, p) -> me(r)));
    }

    HttpResponse me(HttpRequest request) {
        ApiAuthenticator.Result caller = auth.authorize(request, null);
        if (!caller.allowed()) {
            return caller.refusal();
        }
        ApiUser user = caller.user();
        ObjectNode data = json.createObjectNode().put("username", user.username());
        ObjectNode held = data.putObject("permissions");
        permissions.forEach(permission -> held.put(permission, user.may(permission)));
        return responses.data(data);
    }
}
