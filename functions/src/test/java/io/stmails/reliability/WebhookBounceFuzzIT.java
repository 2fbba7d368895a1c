package io.stmails.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.Secrets;
import io.stmails.handler.WebhookBounceHandler;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code POST /webhooks/bounce} against anything a sender can put in listmonk's body: each field
 * absent, ordinary or hostile, a few edits of the resulting JSON, then sometimes its bytes. The
 * answer is a 2xx or a 4xx with a message, in time; what was acknowledged can be counted, listed and exported.
 */
class WebhookBounceFuzzIT extends FuzzProperties {
    private static final String ENTRY = "POST /webhooks/bounce";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    protected FuzzWorld createWorld() {
        return FuzzWorld.create("{}", Secrets.empty(), null);
    }

    @Property(tries = 120)
    void answersTwoOrFourHundredAndKeepsWhatItAcknowledgedReadable(@ForAll("bodies") Body body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("authorization", "Basic " + Base64.getEncoder().encodeToString(
                (FuzzWorld.HOOK + ":" + FuzzWorld.HOOK_TOKEN).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        body.idempotencyKey().ifPresent(key -> headers.put("idempotency-key", key));
        APIGatewayV2HTTPEvent request = Requests.http("POST", "/webhooks/bounce", "", headers, body.bytes());
        if (Answers.isSuccess(Answers.http(ENTRY, new WebhookBounceHandler(world.services), request))) {
            world.aftermath.check();
        }
    }

    /** listmonk's body, field by field, then mutated. */
    record Body(ObjectNode fields, Optional<String> idempotencyKey, Mutation.ByteEdit byteEdit, boolean asciiOnly) {
        byte[] bytes() {
            return Mutation.apply(byteEdit, Requests.utf8(JsonText.write(fields, asciiOnly)));
        }
    }

    @Provide
    Arbitrary<Body> bodies() {
        Arbitrary<Optional<JsonNode>> email = field(Arbitraries.integers().between(0, 30)
                .flatMap(n -> Arbitraries.of("user" + n + "@example.com", "User" + n + "@Example.COM", " user" + n + "@example.com ")));
        Arbitrary<Optional<JsonNode>> type = field(Arbitraries.of("hard", "soft", "complaint"));
        Arbitrary<Optional<JsonNode>> source = field(Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(20));
        Arbitrary<Optional<JsonNode>> meta = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Optional.of((JsonNode) NODES.objectNode().put("smtp", "550 5.1.1")))),
                Tuple.of(4, Hostile.jsonValues().map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.empty())));
        Arbitrary<Optional<JsonNode>> createdAt = field(Arbitraries.of("2026-11-22T10:15:00Z", "2026-11-22T10:15:00.5+01:00"),
                Hostile.instants());
        Arbitrary<Optional<JsonNode>> campaign = field(Hostile.uuids());
        Arbitrary<Optional<JsonNode>> subscriber = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Optional.empty())),
                Tuple.of(1, Hostile.uuids().map(u -> Optional.of((JsonNode) NODES.textNode(u)))),
                Tuple.of(1, Hostile.jsonValues().map(Optional::of)));
        Arbitrary<ObjectNode> fields = Combinators.combine(email, type, source, meta, createdAt, campaign, subscriber)
                .as((e, t, s, m, c, k, u) -> {
                    ObjectNode node = NODES.objectNode();
                    e.ifPresent(v -> node.set("email", v));
                    t.ifPresent(v -> node.set("type", v));
                    s.ifPresent(v -> node.set("source", v));
                    m.ifPresent(v -> node.set("meta", v));
                    c.ifPresent(v -> node.set("created_at", v));
                    k.ifPresent(v -> node.set("campaign_uuid", v));
                    u.ifPresent(v -> node.set("subscriber_uuid", v));
                    return node;
                });
        Arbitrary<Optional<String>> key = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Optional.empty())),
                Tuple.of(1, Hostile.strings().map(Optional::of)));
        Arbitrary<Mutation.ByteEdit> bytes = Mutation.any().map(Mutation::byteEdit);
        return Combinators.combine(fields, key, bytes, Arbitraries.of(false, true)).as(Body::new);
    }

    /** A field: absent, an ordinary value, or anything at all. */
    private static Arbitrary<Optional<JsonNode>> field(Arbitrary<String> ordinary) {
        return field(ordinary, Hostile.strings());
    }

    private static Arbitrary<Optional<JsonNode>> field(Arbitrary<String> ordinary, Arbitrary<String> hostile) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, ordinary.map(v -> Optional.of((JsonNode) NODES.textNode(v)))),
                Tuple.of(2, hostile.map(v -> Optional.of((JsonNode) NODES.textNode(v)))),
                Tuple.of(1, Hostile.jsonValues().map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.empty())));
    }
}
