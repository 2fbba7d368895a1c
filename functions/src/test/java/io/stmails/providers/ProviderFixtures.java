package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.Secrets;
import io.stmails.config.SettingsBinder;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.handler.ApiGatewayHttp;
import io.stmails.http.HttpRequest;
import io.stmails.providers.catalog.ProviderCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The signed request fixtures under {@code events/<provider>/} and the test-only credentials they were
 * signed with ({@code providers/test-secrets.json}, {@code providers/sendgrid-test-signing-key.pem}).
 * Every fixture except SendGrid's published test vector was signed at {@link #SIGNED_AT}.
 */
public final class ProviderFixtures {
    public static final Instant SIGNED_AT = Instant.ofEpochSecond(1772445600);
    public static final String CAMPAIGN = "6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70";
    public static final String SUBSCRIBER = "0b7e7c3d-5a0e-4d2c-9a51-3f7f2e8a1c44";
    public static final ObjectMapper JSON = new ObjectMapper();

    private ProviderFixtures() {
    }

    public static APIGatewayV2HTTPEvent event(String provider, String name) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + provider + "/" + name + ".json");
    }

    public static HttpRequest request(String provider, String name) {
        return ApiGatewayHttp.toRequest(event(provider, name));
    }

    public static ProviderRequest providerRequest(HttpRequest request) {
        return new ProviderRequest(request, JSON);
    }

    public static ProviderRequest providerRequest(String provider, String name) {
        return providerRequest(request(provider, name));
    }

    /** The test secrets document every fixture was signed with. */
    public static Secrets secrets() {
        return Secrets.parse(resource("providers/test-secrets.json"), JSON);
    }

    public static ProviderCredentials credentials(String provider) {
        return new ProviderCredentials(provider, secrets().section("providers").get(provider));
    }

    public static ProviderCredentials credentials(String provider, String field, String value) {
        return new ProviderCredentials(provider, JSON.createObjectNode().put(field, value));
    }

    /** A provider's options bound as the catalog binds them, from the JSON of its section. */
    public static <O extends ProviderOptions> O options(Class<O> type, String json) {
        try {
            return SettingsBinder.bind(JSON.readTree(json), type, "providers.test", SettingsBinder.UnknownField.SETTING_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <O extends ProviderOptions> O defaultOptions(Class<O> type) {
        return options(type, "{}");
    }

    /** The provider as the catalog builds it from its settings section (default options when none given). */
    public static Provider provider(String name) {
        return provider(name, "{}");
    }

    public static Provider provider(String name, String json) {
        try {
            ObjectNode section = ((ObjectNode) JSON.readTree(json)).put("enabled", true);
            return ProviderCatalog.parse(JSON.createObjectNode().set(name, section)).enabled(name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode body(HttpRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpRequest withBody(HttpRequest request, byte[] body) {
        return new HttpRequest(request.method(), request.path(), request.headers(), request.rawQuery(), body);
    }

    public static HttpRequest withBody(HttpRequest request, String body) {
        return withBody(request, body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpRequest withHeader(HttpRequest request, String name, String value) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new HttpRequest(request.method(), request.path(), headers, request.rawQuery(), request.body());
    }

    public static HttpRequest withoutHeader(HttpRequest request, String name) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.remove(name.toLowerCase(java.util.Locale.ROOT));
        return new HttpRequest(request.method(), request.path(), headers, request.rawQuery(), request.body());
    }

    public static HttpRequest withQuery(HttpRequest request, String rawQuery) {
        return new HttpRequest(request.method(), request.path(), request.headers(), rawQuery, request.body());
    }

    /** Signs like SendGrid, with the test key: base64 DER ECDSA over timestamp + body. */
    public static String sendGridSignature(String timestamp, byte[] body) {
        try {
            String pem = resource("providers/sendgrid-test-signing-key.pem")
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SendGrid request for {@code body}, signed with the test key at {@code at}. */
    public static HttpRequest signedSendGrid(HttpRequest template, byte[] body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        HttpRequest request = withHeader(withBody(template, body), "X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return withHeader(request, "X-Twilio-Email-Event-Webhook-Signature", sendGridSignature(timestamp, body));
    }

    /**
     * The Mailgun request {@code template} signed again with the test key, as Mailgun signs a new
     * delivery: a fresh {@code token} and timestamp in the body's signature object, event-data unchanged.
     */
    public static HttpRequest signedMailgun(HttpRequest template, String token, Instant at) {
        ObjectNode body = (ObjectNode) body(template);
        String timestamp = Long.toString(at.getEpochSecond());
        body.putObject("signature").put("token", token).put("timestamp", timestamp)
                .put("signature", hmacHex(secretField("mailgun", "signing_key"), (timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return withBody(template, body.toString());
    }

    /** {@code body} as Svix delivers it with the Resend test secret: message {@code id}, signed at {@code at}. */
    public static HttpRequest signedSvix(HttpRequest template, byte[] body, String id, Instant at) {
        String secret = secretField("resend", "signing_secret");
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] signature = Signatures.hmacSha256(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        HttpRequest request = withHeader(withHeader(withBody(template, body), Svix.ID_HEADER, id), Svix.TIMESTAMP_HEADER, timestamp);
        return withHeader(request, Svix.SIGNATURE_HEADER, "v1," + Base64.getEncoder().encodeToString(signature));
    }

    private static String secretField(String provider, String field) {
        return secrets().section("providers").get(provider).get(field).asText();
    }

    /**
     * Parses the fixture {@code events/<provider>/<fixture>.json} with {@code provider}: nothing to record when
     * {@code type} is null, otherwise exactly one bounce of that type for {@code email}, linked to {@link #CAMPAIGN}.
     */
    public static void assertFixtureRecords(Provider provider, String fixture, String email, BounceType type) {
        List<BounceEvent> bounces = provider.parse(providerRequest(provider.name(), fixture)).bounces();
        if (type == null) {
            assertEquals(List.of(), bounces, fixture);
            return;
        }
        BounceEvent bounce = only(bounces);
        assertEquals(email, bounce.email());
        assertEquals(type, bounce.type());
        assertEquals(provider.name(), bounce.source());
        assertEquals(CAMPAIGN, bounce.campaignUuid());
    }

    public static BounceEvent only(List<BounceEvent> bounces) {
        assertEquals(1, bounces.size(), bounces::toString);
        return bounces.get(0);
    }

    public static String hmacHex(String key, byte[]... parts) {
        return HexFormat.of().formatHex(Signatures.hmacSha256(key, parts));
    }

    private static String resource(String name) {
        try (InputStream in = ProviderFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
