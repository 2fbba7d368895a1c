package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.config.Secrets;
import io.stmails.domain.ContentionException;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.testing.Routing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouterContentionTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSubscriberWhoKeptChangingIsA503WithRetryAfterNotASilentSuccess() throws Exception {
        Secrets secrets = Secrets.parse("{\"api_users\": [{\"username\": \"ops\", \"token\": \"t0k\"}]}", json);
        Responses responses = new Responses(json);
        List<ApiRoute> routes = Arrays.stream(ApiEndpoint.values()).map(endpoint -> new ApiRoute(endpoint,
                (request, params) -> {
                    throw new ContentionException("blocklisting of subscriber s-1 lost to concurrent changes 8 times");
                })).toList();
        ApiRouter router = new ApiRouter(routes, new ApiAuthenticator(() -> secrets, responses), responses);
        String credentials = Base64.getEncoder().encodeToString("ops:t0k".getBytes(StandardCharsets.UTF_8));

        HttpResponse response = router.handle(Routing.request("PUT", "/api/bounces/blocklist",
                Map.of("authorization", "Basic " + credentials), null, new byte[0]));

        assertEquals(503, response.status());
        assertEquals("1", response.headers().get("retry-after"));
        assertTrue(json.readTree(response.body()).path("message").asText().contains("please retry"), response.body());
    }
}
