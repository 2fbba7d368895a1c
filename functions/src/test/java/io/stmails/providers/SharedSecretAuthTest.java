package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedSecretAuthTest {
    private static final SharedSecretAuth BEARER = new SharedSecretAuth("Authorization");
    private static final SharedSecretAuth CUSTOM_HEADER = new SharedSecretAuth("X-Api-Key");

    @Test
    void tokenInTheAuthorizationHeaderIsABearerToken() {
        BEARER.require(request("Authorization", "Bearer s3cret-token"), token("s3cret-token"));
        BEARER.require(request("authorization", "bearer   s3cret-token "), token("s3cret-token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret-tokem", "Bearer s3cret-token2", "Bearer ", "Token s3cret-token", "s3cret-token",
            "Bearer S3CRET-TOKEN"})
    void wrongOrMalformedBearerTokenIsRejected(String header) {
        assertThrows(RejectedException.class, () -> BEARER.require(request("Authorization", header), token("s3cret-token")));
    }

    @Test
    void tokenInACustomHeaderIsTheWholeValue() {
        CUSTOM_HEADER.require(request("x-api-key", " s3cret-token "), token("s3cret-token"));
        assertThrows(RejectedException.class,
                () -> CUSTOM_HEADER.require(request("x-api-key", "Bearer s3cret-token"), token("s3cret-token")));
        RejectedException missing = assertThrows(RejectedException.class,
                () -> CUSTOM_HEADER.require(request("Authorization", "Bearer s3cret-token"), token("s3cret-token")));
        assertTrue(missing.getMessage().contains("X-Api-Key"), missing.getMessage());
    }

    @Test
    void basicCredentialsAloneWork() {
        ProviderCredentials basic = credentials(Map.of("username", "hook", "password", "pw"));
        BEARER.require(request("Authorization", basic("hook:pw")), basic);
        RejectedException wrong = assertThrows(RejectedException.class,
                () -> BEARER.require(request("Authorization", basic("hook:guess")), basic));
        assertEquals(Optional.of(BasicAuth.CHALLENGE), wrong.challenge());
        assertThrows(RejectedException.class, () -> BEARER.require(request("Authorization", "Bearer pw"), basic));
    }

    @Test
    void withBothConfiguredEitherIsAcceptedButNeitherGuessed() {
        ProviderCredentials both = credentials(Map.of("username", "hook", "password", "pw", "token", "s3cret-token"));
        BEARER.require(request("Authorization", basic("hook:pw")), both);
        BEARER.require(request("Authorization", "Bearer s3cret-token"), both);
        CUSTOM_HEADER.require(request("X-Api-Key", "s3cret-token"), both);
        CUSTOM_HEADER.require(request("Authorization", basic("hook:pw")), both);
        assertThrows(RejectedException.class, () -> BEARER.require(request("Authorization", basic("hook:s3cret-token")), both));
        assertThrows(RejectedException.class, () -> BEARER.require(request("Authorization", "Bearer pw"), both));
        assertThrows(RejectedException.class, () -> CUSTOM_HEADER.require(request("X-Other", "s3cret-token"), both));
    }

    @Test
    void nothingConfiguredOrHalfABasicPairFailsClosedNamingTheFields() {
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class,
                () -> BEARER.require(request("Authorization", "Bearer x"), new ProviderCredentials("acme", null)));
        assertTrue(none.getMessage().contains("providers.acme needs token, or username and password"), none.getMessage());

        InvalidSettingsException half = assertThrows(InvalidSettingsException.class,
                () -> BEARER.require(request("Authorization", basic("hook:")), credentials(Map.of("username", "hook"))));
        assertTrue(half.getMessage().contains("providers.acme.password"), half.getMessage());

        InvalidSettingsException blank = assertThrows(InvalidSettingsException.class,
                () -> BEARER.require(request("Authorization", "Bearer "), credentials(Map.of("token", " "))));
        assertTrue(blank.getMessage().contains("providers.acme needs"), blank.getMessage());
    }

    @Test
    void tokenHeaderSettingIsValidated() {
        assertThrows(InvalidSettingsException.class,
                () -> ProviderFixtures.options(TokenHeaderOptions.class, "{\"token_header\": \"\"}"));
        SharedSecretAuth named = new SharedSecretAuth(
                ProviderFixtures.options(TokenHeaderOptions.class, "{\"token_header\": \"X-Hook-Token\"}").tokenHeader());
        named.require(request("x-hook-token", "s3cret-token"), token("s3cret-token"));
    }

    private static ProviderCredentials token(String token) {
        return ProviderFixtures.credentials("acme", "token", token);
    }

    private static ProviderCredentials credentials(Map<String, String> fields) {
        ObjectNode node = ProviderFixtures.JSON.createObjectNode();
        fields.forEach(node::put);
        return new ProviderCredentials("acme", node);
    }

    private static ProviderRequest request(String header, String value) {
        Map<String, String> headers = new HashMap<>();
        headers.put(header.toLowerCase(java.util.Locale.ROOT), value);
        return ProviderFixtures.providerRequest(
                new HttpRequest("POST", "/webhooks/service/acme", headers, "", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
