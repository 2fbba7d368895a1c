package io.stmails.providers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.handler.ApiGatewayHttp;
import io.stmails.handler.ProviderWebhookHandler;
import io.stmails.http.HttpRequest;
import io.stmails.providers.catalog.ProviderCatalog;
import io.stmails.reliability.Answers;
import io.stmails.reliability.FuzzProperties;
import io.stmails.reliability.FuzzWorld;
import io.stmails.reliability.Mutation;
import io.stmails.reliability.Requests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every provider route with its real payloads (the fixtures under {@code events/<provider>/}) mutated
 * and then signed again with the test credentials, exactly as the provider signs, so that the
 * fuzzing gets past authentication into the payload parser and the recorder.
 */
class ProviderWebhookFuzzIT extends FuzzProperties {
    private static final int TRIES = 15;
    private static final String ALL_ENABLED = ProviderCatalog.names().stream()
            .map(name -> "\"" + name + "\": {\"enabled\": true}")
            .collect(Collectors.joining(", ", "{\"providers\": {", "}}"));
    private static final AtomicLong DELIVERIES = new AtomicLong();

    @Override
    protected FuzzWorld createWorld() {
        return FuzzWorld.create(ALL_ENABLED, ProviderFixtures.secrets(), () -> ProviderFixtures.SIGNED_AT.plusSeconds(2));
    }

    @Property(tries = TRIES)
    void sendgrid(@ForAll("sendgrid") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("sendgrid", fixture, mutation);
    }

    @Property(tries = TRIES)
    void postmark(@ForAll("postmark") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("postmark", fixture, mutation);
    }

    @Property(tries = TRIES)
    void forwardemail(@ForAll("forwardemail") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("forwardemail", fixture, mutation);
    }

    @Property(tries = TRIES)
    void lettermint(@ForAll("lettermint") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("lettermint", fixture, mutation);
    }

    @Property(tries = TRIES)
    void azure(@ForAll("azure") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("azure", fixture, mutation);
    }

    @Property(tries = TRIES)
    void mailgun(@ForAll("mailgun") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("mailgun", fixture, mutation);
    }

    @Property(tries = TRIES)
    void brevo(@ForAll("brevo") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("brevo", fixture, mutation);
    }

    @Property(tries = TRIES)
    void mailjet(@ForAll("mailjet") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("mailjet", fixture, mutation);
    }

    @Property(tries = TRIES)
    void sparkpost(@ForAll("sparkpost") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("sparkpost", fixture, mutation);
    }

    @Property(tries = TRIES)
    void resend(@ForAll("resend") String fixture, @ForAll("mutations") Mutation mutation) {
        fuzz("resend", fixture, mutation);
    }

    private void fuzz(String provider, String fixture, Mutation mutation) {
        APIGatewayV2HTTPEvent template = ProviderFixtures.event(provider, fixture);
        JsonNode body = ProviderFixtures.body(ApiGatewayHttp.toRequest(template));
        long delivery = DELIVERIES.incrementAndGet();
        byte[] bytes = mutation.apply(body, provider.equals("mailgun") ? mailgunSignature(delivery) : UnaryOperator.identity());
        APIGatewayV2HTTPEvent request = Requests.withBody(template, bytes, signatureHeaders(provider, template, bytes, delivery));
        String entry = "POST /webhooks/service/" + provider;
        if (Answers.isSuccess(Answers.http(entry, new ProviderWebhookHandler(world.services), request))) {
            world.aftermath.check();
        }
    }

    /** The headers that sign {@code body} as the provider would (none for providers that send credentials instead). */
    private static Map<String, String> signatureHeaders(String provider, APIGatewayV2HTTPEvent template, byte[] body,
            long delivery) {
        String timestamp = Long.toString(ProviderFixtures.SIGNED_AT.getEpochSecond());
        Map<String, String> headers = new HashMap<>();
        switch (provider) {
            case "sendgrid" -> {
                headers.put("x-twilio-email-event-webhook-timestamp", timestamp);
                headers.put("x-twilio-email-event-webhook-signature", ProviderFixtures.sendGridSignature(timestamp, body));
            }
            case "forwardemail" -> headers.put("x-webhook-signature", ProviderFixtures.hmacHex(secret(provider, "webhook_key"), body));
            case "lettermint" -> headers.put("x-lettermint-signature", "t=" + timestamp + ",v1="
                    + ProviderFixtures.hmacHex(secret(provider, "signing_secret"), (timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
            case "resend" -> {
                HttpRequest signed = ProviderFixtures.signedSvix(ApiGatewayHttp.toRequest(template), body, "msg_fuzz" + delivery,
                        ProviderFixtures.SIGNED_AT);
                for (String name : List.of(Svix.ID_HEADER, Svix.TIMESTAMP_HEADER, Svix.SIGNATURE_HEADER)) {
                    headers.put(name, signed.header(name).orElseThrow());
                }
            }
            default -> {
                // Credentials in the fixture's own headers (Basic auth, a token or a shared secret).
            }
        }
        return headers;
    }

    /** Mailgun signs inside the body: a fresh one-time token for every delivery, over timestamp + token. */
    private static UnaryOperator<JsonNode> mailgunSignature(long delivery) {
        return root -> {
            if (root.isObject()) {
                String token = "fuzz-token-" + delivery;
                String timestamp = Long.toString(ProviderFixtures.SIGNED_AT.getEpochSecond());
                ((ObjectNode) root).putObject("signature").put("token", token).put("timestamp", timestamp).put("signature",
                        ProviderFixtures.hmacHex(secret("mailgun", "signing_key"), (timestamp + token).getBytes(StandardCharsets.UTF_8)));
            }
            return root;
        };
    }

    private static String secret(String provider, String field) {
        return ProviderFixtures.secrets().section("providers").get(provider).get(field).asText();
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide
    Arbitrary<String> sendgrid() {
        return fixtures("sendgrid");
    }

    @Provide
    Arbitrary<String> postmark() {
        return fixtures("postmark");
    }

    @Provide
    Arbitrary<String> forwardemail() {
        return fixtures("forwardemail");
    }

    @Provide
    Arbitrary<String> lettermint() {
        return fixtures("lettermint");
    }

    @Provide
    Arbitrary<String> azure() {
        return fixtures("azure");
    }

    @Provide
    Arbitrary<String> mailgun() {
        return fixtures("mailgun");
    }

    @Provide
    Arbitrary<String> brevo() {
        return fixtures("brevo");
    }

    @Provide
    Arbitrary<String> mailjet() {
        return fixtures("mailjet");
    }

    @Provide
    Arbitrary<String> sparkpost() {
        return fixtures("sparkpost");
    }

    @Provide
    Arbitrary<String> resend() {
        return fixtures("resend");
    }

    /** Every fixture of the provider except SendGrid's published vector (signed with a key that is not ours). */
    private static Arbitrary<String> fixtures(String provider) {
        try (Stream<Path> files = Files.list(Path.of(ProviderWebhookFuzzIT.class.getResource("/events/" + provider).toURI()))) {
            return Arbitraries.of(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("published-test-vector.json"))
                    .map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
