package io.stmails.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiAuthenticatorTest {
    private final Secrets secrets = new Secrets(List.of(
            new ApiUser("hook", "s3cret", Set.of("webhooks:post_bounce")),
            new ApiUser("reader", "r3ad", Set.of("bounces:get"))), new ObjectMapper().createObjectNode());
    private final ApiAuthenticator auth = new ApiAuthenticator(() -> secrets, new Responses(new ObjectMapper()));

    @Test
    void acceptsBasicAndTokenSchemes() {
        assertTrue(auth.authorize(request("Basic " + base64("hook:s3cret")), "webhooks:post_bounce").allowed());
        assertTrue(auth.authorize(request("token hook:s3cret"), "webhooks:post_bounce").allowed());
        assertTrue(auth.authorize(request("TOKEN hook:s3cret"), "webhooks:post_bounce").allowed());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "|401|missing Authorization header",
        "Bearer abc|401|unknown Authorization scheme",
        "Basic !!!|401|not base64",
        "token hook|401|expected user:token",
        "token hook:wrong|401|invalid API credentials",
        "token nobody:s3cret|401|invalid API credentials",
        "token reader:r3ad|403|permission denied: webhooks:post_bounce"})
    void refusesWithTheRightStatusAndMessage(String header, int status, String message) {
        ApiAuthenticator.Result result = auth.authorize(request(header), "webhooks:post_bounce");
        assertEquals(status, result.refusal().status());
        assertTrue(result.refusal().body().contains(message), result.refusal().body());
        if (status == 401) {
            assertEquals("Basic realm=\"stmails\"", result.refusal().headers().get("www-authenticate"));
        }
    }

    private static HttpRequest request(String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        return new HttpRequest("POST", "/webhooks/bounce", headers, "", new byte[0]);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
